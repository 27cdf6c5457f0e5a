namespace Tango.Mahalanobis.Tests;

public class RcaTests
{
    [Theory]
    [InlineData("iris", "test_suite_config")]
    [InlineData("digits_nzv", "more_chunks")]
    public void RefitOnReferenceChunks_MatchesMetricLearn(string dataset, string variant)
    {
        var (x, _) = Datasets.Get(dataset);
        var reference = Reference.Run(dataset, "RCA_Supervised", variant);
        var chunks = new Chunks(Reference.IntArray(reference.Constraints.GetProperty("chunks")));
        var rca = new Rca();
        rca.Fit(x, chunks);
        Assert.Equal(0, rca.AppliedShrinkage);
        Check.RelativeClose(reference.Mahalanobis, rca.MahalanobisMatrix, 1e-4, "M");
    }

    [Fact]
    public void IrisCrossValidationMatchesMetricLearn()
    {
        var (x, y) = Datasets.Get("iris");
        var cv = CrossValidation.Run(() => new RcaSupervised(chunkCount: 30, chunkSize: 2), x, y,
            Reference.Folds("iris"));
        CrossValidation.AssertClose(cv, Reference.Run("iris", "RCA_Supervised", "test_suite_config"), better: 0.03);
    }

    [Fact]
    public void TooFewPointsForTheChunks_SaysWhatToChange()
    {
        // metric-learn's default (100 chunks of 2) on iris: at most 75 chunks exist.
        var (x, y) = Datasets.Get("iris");
        var ex = Assert.Throws<ArgumentException>(() => new RcaSupervised().Fit(x, y));
        Assert.Contains("at most 75", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Reduce the chunk count", ex.Message, StringComparison.Ordinal);
    }

    // metric-learn returns NaN on raw digits (constant pixels make the within-chunklet covariance singular).
    [Fact]
    public void SingularChunkCovariance_IsShrunkAndUseful()
    {
        Assert.Equal("error", Reference.Run("digits", "RCA_Supervised").Root.GetProperty("status").GetString());
        var (x, y) = Datasets.Get("digits");
        var rca = new RcaSupervised();
        rca.Fit(x, y);
        Assert.InRange(rca.AppliedShrinkage, 1e-6, 1);
        Check.SymmetricPsd(rca.MahalanobisMatrix);
        var (k1, _) = CrossValidation.Run(() => new RcaSupervised(), x, y, Reference.Folds("digits")[..2]);
        Assert.True(k1 > 0.9, $"1-NN accuracy {k1}");
    }

    [Fact]
    public void FewerComponents_KeepsTheSmallestWithinToTotalDirections()
    {
        // Two features: the first varies within chunks, the second separates them. With one component RCA keeps
        // (a multiple of) the second axis.
        var x = new double[,] { { 0, 0 }, { 1, 0.01 }, { 0, 5 }, { 1, 5.01 }, { 0.5, 10 }, { 1.5, 10 } };
        var rca = new Rca(components: 1);
        rca.Fit(x, new Chunks([0, 0, 1, 1, 2, 2]));
        var l = rca.Components;
        Assert.True(Math.Abs(l[0, 1]) > 10 * Math.Abs(l[0, 0]), $"L = [{l[0, 0]}, {l[0, 1]}]");
    }

    [Fact]
    public void ChunksOfWrongLength_Throw()
    {
        var x = new double[,] { { 0, 0 }, { 1, 0 }, { 0, 5 } };
        var ex = Assert.Throws<ArgumentException>(() => new Rca().Fit(x, new Chunks([0, 0])));
        Assert.Contains("one chunk id per row", ex.Message, StringComparison.Ordinal);
    }
}
