namespace Tango.Mahalanobis.Tests;

public class SdmlTests
{
    // metric-learn's own test-suite configuration (identity prior, balance 1e-5), the one that runs there.
    [Theory]
    [InlineData("iris")]
    [InlineData("digits_std")]
    public void RefitOnReferencePairs_MatchesMetricLearn(string dataset)
    {
        var (x, _) = Datasets.Get(dataset);
        var reference = Reference.Run(dataset, "SDML_Supervised", "test_suite_config");
        var sdml = new Sdml(balance: 1e-5);
        sdml.Fit(x, reference.Pairs());
        Check.RelativeClose(reference.Mahalanobis, sdml.MahalanobisMatrix, 1e-4, "M");
        Assert.False(sdml.ProjectedCovariance);
    }

    [Fact]
    public void IrisCrossValidationMatchesMetricLearn()
    {
        var (x, y) = Datasets.Get("iris");
        var cv = CrossValidation.Run(() => new SdmlSupervised(balance: 1e-5), x, y, Reference.Folds("iris"));
        CrossValidation.AssertClose(cv, Reference.Run("iris", "SDML_Supervised", "test_suite_config"), better: 0.03);
    }

    // metric-learn's default (balance 0.5) fails on iris: the pair covariance is indefinite. Tango projects it.
    [Fact]
    public void IrisDefault_SucceedsByProjectingThePairCovariance()
    {
        Assert.Equal("error", Reference.Run("iris", "SDML_Supervised").Root.GetProperty("status").GetString());
        var (x, y) = Datasets.Get("iris");
        var sdml = new SdmlSupervised();
        sdml.Fit(x, y);
        Assert.True(sdml.ProjectedCovariance);
        Check.SymmetricPsd(sdml.MahalanobisMatrix);
        var (k1, _) = CrossValidation.Run(() => new SdmlSupervised(), x, y, Reference.Folds("iris"));
        Assert.True(k1 >= 0.9, $"1-NN {k1}");
    }

    // On raw digits the lasso diverges (as in metric-learn); the message says which balance would be safe.
    [Fact]
    public void RawDigitsDefault_FailsWithAnActionableMessage()
    {
        var (x, y) = Datasets.Get("digits");
        var ex = Assert.Throws<InvalidOperationException>(() => new SdmlSupervised().Fit(x, y));
        Assert.Contains("Lower balance (now 0.5; below", ex.Message, StringComparison.Ordinal);
        Assert.Contains("raise sparsity", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sdml(balance: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sdml(sparsity: 0));
        var ex = Assert.Throws<ArgumentException>(() =>
            new Sdml().Fit(new double[,] { { 1 }, { 2 }, { 3 } }, new Pairs([0], [1], [1])));
        Assert.Contains("at least 2 features", ex.Message, StringComparison.Ordinal);
    }
}
