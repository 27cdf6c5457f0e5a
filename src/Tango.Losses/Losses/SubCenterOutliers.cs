using Tango.Core;

namespace Tango.Losses;

/// <summary>
/// What <see cref="SubCenterArcFaceLoss.FindOutliers"/> returns: the batch indices of samples far from their
/// class's dominant sub-centre, and those dominant sub-centres as the columns of an (embedding size, classes)
/// matrix (a plain ArcFace weight to continue training with, as the paper suggests).
/// </summary>
/// <param name="Outliers">Batch indices of the outliers.</param>
/// <param name="DominantCenters">The dominant sub-centre of each class, (embedding size, classes).</param>
public sealed record SubCenterOutliers(int[] Outliers, Tensor DominantCenters);
