using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Kernels;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses;

/// <summary>
/// Sub-centre ArcFace (Deng et al. 2020, "Sub-center ArcFace: Boosting Face Recognition by Large-Scale Noisy Web
/// Faces"; PML's <c>SubCenterArcFaceLoss</c>): each class has <see cref="SubCenters"/> weight columns, an
/// embedding's cosine to a class is its largest cosine to the class's sub-centres, and the ArcFace margin applies
/// to that. W's columns are grouped by class: [class 0 sub 0, class 0 sub 1, ..., class 1 sub 0, ...].
/// <see cref="FindOutliers"/> then finds each class's dominant sub-centre and the samples far from it.
/// </summary>
public sealed class SubCenterArcFaceLoss : ArcFaceLoss
{
    /// <summary>Creates the loss (PML defaults: margin 28.6°, scale 64, 3 sub-centres).</summary>
    public SubCenterArcFaceLoss(int numClasses, int embeddingSize, float marginDegrees = 28.6f, float scale = 64f,
        int subCenters = 3, Distance? distance = null, Reducer? reducer = null,
        Regularizer? embeddingRegularizer = null, float embeddingRegularizerWeight = 1f,
        Regularizer? weightRegularizer = null, float weightRegularizerWeight = 1f, Rng? rng = null)
        : base(numClasses, embeddingSize, checked(numClasses * CheckSubCenters(subCenters)), marginDegrees, scale,
            distance, reducer, embeddingRegularizer, embeddingRegularizerWeight, weightRegularizer, weightRegularizerWeight, rng)
    {
        SubCenters = subCenters;
    }

    /// <summary>Weight columns per class.</summary>
    public int SubCenters { get; }

    /// <summary>The largest cosine to each class's sub-centres (n, classes).</summary>
    protected override Tensor Cosine(Tensor embeddings) =>
        LossOps.GroupMax(Distance.Matrix(embeddings, W.T), SubCenters);

    /// <summary>
    /// PML's <c>get_outliers</c>, without gradients: for each class present in <paramref name="labels"/>, its
    /// dominant sub-centre is the one most of its samples are closest to (ties: the lowest index), and the
    /// outliers are the samples whose cosine to it is below cos(<paramref name="thresholdDegrees"/>). Returns the
    /// outliers' batch indices (class by class, in batch order within a class) and the dominant sub-centres as
    /// (embedding size, classes) columns; a class absent from the batch keeps its first sub-centre.
    /// </summary>
    public SubCenterOutliers FindOutliers(Tensor embeddings, int[] labels, float thresholdDegrees = 75f)
    {
        var input = LossInput.Create(nameof(SubCenterArcFaceLoss), embeddings, labels, null, null, null);
        ClassLabels.Require(nameof(SubCenterArcFaceLoss), input, NumClasses, EmbeddingSize);
        using var _ = Tensor.NoGrad();
        var cos = Distance.Matrix(embeddings, W.T).ToArray();
        int k = SubCenters, columns = NumClasses * k, d = EmbeddingSize;
        float threshold = (float)Math.Cos(thresholdDegrees * Math.PI / 180.0);
        var outliers = new List<int>();
        var dominant = Tensor.Zeros(d, NumClasses);
        var w = W.Span;
        var ds = dominant.Span;
        for (int c = 0; c < NumClasses; c++)
        {
            var members = ClassLabels.Range(labels.Length).Where(i => labels[i] == c).ToArray();
            int best = DominantSubCenter(cos, members, c, k, columns);
            for (int r = 0; r < d; r++)
            {
                ds[r * NumClasses + c] = w[r * columns + c * k + best];
            }

            outliers.AddRange(members.Where(i => cos[i * columns + c * k + best] < threshold));
        }

        return new SubCenterOutliers([.. outliers], dominant);
    }

    // The sub-centre of class c that most members are closest to (first on ties); 0 for a class with none.
    private static int DominantSubCenter(ReadOnlySpan<float> cos, int[] members, int c, int k, int columns)
    {
        var votes = new int[k];
        foreach (int i in members)
        {
            var row = cos.Slice(i * columns + c * k, k);
            int arg = 0;
            for (int s = 1; s < k; s++)
            {
                arg = row[s] > row[arg] ? s : arg;
            }

            votes[arg]++;
        }

        int best = 0;
        for (int s = 1; s < k; s++)
        {
            best = votes[s] > votes[best] ? s : best;
        }

        return best;
    }

    private static int CheckSubCenters(int subCenters) => subCenters >= 1
        ? subCenters
        : throw new ArgumentOutOfRangeException(nameof(subCenters),
            $"SubCenterArcFaceLoss: subCenters must be ≥ 1; got {subCenters}.");
}
