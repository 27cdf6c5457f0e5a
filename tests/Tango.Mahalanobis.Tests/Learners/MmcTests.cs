namespace Tango.Mahalanobis.Tests;

public class MmcTests
{
    [Theory]
    [InlineData("iris")]
    public void RefitOnReferencePairs_MatchesMetricLearn(string dataset)
    {
        var (x, _) = Datasets.Get(dataset);
        var reference = Reference.Run(dataset, "MMC_Supervised");
        var mmc = new Mmc(tolerance: 1e-6); // MMC_Supervised's default tolerance
        mmc.Fit(x, reference.Pairs());
        Check.RelativeClose(reference.Mahalanobis, mmc.MahalanobisMatrix, 1e-4, "M");
        Assert.Equal(reference.Iterations, mmc.Iterations);
    }

    // The same check on digits (64 features, 1797 points); iris above covers the code quickly.
    [Fact]
    [Trait("Category", "Slow")]
    public void RefitOnReferencePairs_MatchesMetricLearn_Digits() => RefitOnReferencePairs_MatchesMetricLearn("digits");

    [Fact]
    public void Diagonal_MatchesMetricLearn()
    {
        var (x, _) = Datasets.Get("iris");
        var mmc = new Mmc(diagonal: true);
        mmc.Fit(x, Reference.Run("iris", "MMC_Supervised").Pairs());
        var expected = Reference.Matrix(Reference.Load("extra.json").GetProperty("mmc_diagonal").GetProperty("mahalanobis"));
        Check.RelativeClose(expected, mmc.MahalanobisMatrix, 1e-4, "M");
    }

    [Fact]
    public void IrisCrossValidationMatchesMetricLearn()
    {
        var (x, y) = Datasets.Get("iris");
        var cv = CrossValidation.Run(() => new MmcSupervised(), x, y, Reference.Folds("iris"));
        CrossValidation.AssertClose(cv, Reference.Run("iris", "MMC_Supervised"), better: 0.03);
    }

    [Fact]
    public void OnlySimilarPairs_Throw()
    {
        var (x, _) = Datasets.Get("iris");
        var ex = Assert.Throws<ArgumentException>(() => new Mmc().Fit(x, new Pairs([0, 1], [2, 3], [1, 1])));
        Assert.Contains("dissimilar", ex.Message, StringComparison.Ordinal);
    }
}
