using Tango.Core;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Losses;

public class SubCenterArcFaceLossTests
{
    [Fact]
    public void MatchesPml()
    {
        var c = ReferenceCase.Load("SubCenterArcFaceLoss");
        ParametricReference.Check(c, new SubCenterArcFaceLoss(c.Int("num_classes"), c.Int("embedding_size"),
            c.Float("margin"), c.Float("scale"), c.Int("sub_centers")));
    }

    [Fact]
    public void OneSubCenterIsArcFace()
    {
        var x = SeededCases.Normal(3, 8, 5);
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1];
        var sub = new SubCenterArcFaceLoss(3, 5, subCenters: 1, rng: new Rng(4));
        var plain = new ArcFaceLoss(3, 5, rng: new Rng(4));
        Assert.Equal(plain.W.ToArray(), sub.W.ToArray());
        Tolerance.Close(plain.Compute(x, labels).Item(), sub.Compute(x, labels).Item(), rtol: 1e-6);
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1];
        var loss = new SubCenterArcFaceLoss(3, 5, scale: 4f, subCenters: 2, rng: new Rng(5));
        GradCheck.Check(t => loss.Compute(t[0], labels), [SeededCases.Normal(6, 8, 5), loss.W], eps: 1e-3f);
    }

    [Fact]
    public void FindOutliersPicksTheDominantSubCenterAndFarSamples()
    {
        // d = 2, 2 classes × 2 sub-centres: class 0 along +x and +y, class 1 along −x and −y.
        var loss = new SubCenterArcFaceLoss(2, 2, subCenters: 2, rng: new Rng(1));
        loss.LoadParameter("W", [1f, 0f, -1f, 0f, 0f, 1f, 0f, -1f]);
        float c10 = MathF.Cos(10 * MathF.PI / 180), s10 = MathF.Sin(10 * MathF.PI / 180);
        var x = Tensor.FromArray([
            1f, 0.1f,     // class 0, near +x
            1f, -0.2f,    // class 0, near +x
            0.2f, 1f,     // class 0, near +y: 78.7° from +x, an outlier at 75°
            -c10, -s10,   // class 1, near −x
            -0.1f, -1f,   // class 1, near −y
            -0.2f, -1f,   // class 1, near −y
        ], 6, 2);
        var result = loss.FindOutliers(x, [0, 0, 0, 1, 1, 1]);
        Assert.Equal([2, 3], result.Outliers);
        Assert.Equal([1f, 0f, 0f, -1f], result.DominantCenters.ToArray());
        Assert.Empty(loss.FindOutliers(x, [0, 0, 0, 1, 1, 1], thresholdDegrees: 85f).Outliers);
    }
}
