namespace Tango.Mahalanobis.Tests;

public class ItmlTests
{
    // ITML is deterministic given the pairs: refitting on metric-learn's sampled pairs reproduces its M.
    [Theory]
    [InlineData("iris")]
    public void RefitOnReferencePairs_MatchesMetricLearn(string dataset)
    {
        var (x, _) = Datasets.Get(dataset);
        var reference = Reference.Run(dataset, "ITML_Supervised");
        var itml = new Itml();
        itml.Fit(x, reference.Pairs());
        Check.RelativeClose(reference.Mahalanobis, itml.MahalanobisMatrix, 1e-4, "M");
        var bounds = reference.Root.GetProperty("bounds_").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(bounds[0], itml.Bounds.Lower, 1e-9);
        Assert.Equal(bounds[1], itml.Bounds.Upper, 1e-9);
    }

    // The same check on digits (64 features, 1797 points); iris above covers the code quickly.
    [Fact]
    [Trait("Category", "Slow")]
    public void RefitOnReferencePairs_MatchesMetricLearn_Digits() => RefitOnReferencePairs_MatchesMetricLearn("digits");

    [Fact]
    public void IrisCrossValidationMatchesMetricLearn()
    {
        var (x, y) = Datasets.Get("iris");
        var cv = CrossValidation.Run(() => new ItmlSupervised(), x, y, Reference.Folds("iris"));
        CrossValidation.AssertClose(cv, Reference.Run("iris", "ITML_Supervised"), better: 0.03);
    }

    [Fact]
    public void Thresholds_MatchMetricLearnCalibration()
    {
        var (x, _) = Datasets.Get("iris");
        var pairs = Reference.Run("iris", "MMC_Supervised").Pairs();
        var extra = Reference.Load("extra.json");
        var itml = new Itml();
        itml.Fit(x, pairs);
        var expectedScores = extra.GetProperty("itml_decision_function").EnumerateArray().Select(v => v.GetDouble())
            .ToArray();
        var scores = itml.DecisionFunction(x, pairs);
        for (int i = 0; i < scores.Length; i++)
        {
            Assert.Equal(expectedScores[i], scores[i], 1e-9);
        }

        var t = extra.GetProperty("itml_thresholds");
        Assert.Equal(t.GetProperty("accuracy").GetDouble(), itml.Threshold, 1e-9);
        var cases = new (string Key, ThresholdStrategy Strategy, double? MinRate, double Beta)[]
        {
            ("f_beta_1", ThresholdStrategy.FBeta, null, 1), ("f_beta_0.5", ThresholdStrategy.FBeta, null, 0.5),
            ("max_tpr_0.8", ThresholdStrategy.MaxTpr, 0.8, 1), ("max_tpr_0.95", ThresholdStrategy.MaxTpr, 0.95, 1),
            ("max_tnr_0.8", ThresholdStrategy.MaxTnr, 0.8, 1), ("max_tnr_0.95", ThresholdStrategy.MaxTnr, 0.95, 1),
            ("accuracy", ThresholdStrategy.Accuracy, null, 1),
        };
        foreach (var (key, strategy, minRate, beta) in cases)
        {
            itml.CalibrateThreshold(x, pairs, strategy, minRate, beta);
            Assert.True(Math.Abs(t.GetProperty(key).GetDouble() - itml.Threshold) <= 1e-9, key);
        }

        Assert.Equal(extra.GetProperty("itml_score").GetDouble(), itml.Score(x, pairs), 12);
    }

    [Fact]
    public void ExplicitBounds_AreUsed()
    {
        var (x, _) = Datasets.Get("iris");
        var pairs = Reference.Run("iris", "ITML_Supervised").Pairs();
        var itml = new Itml(bounds: (0.5, 3.0), maxIterations: 5);
        itml.Fit(x, pairs);
        Assert.Equal((0.5, 3.0), itml.Bounds);
        Assert.Equal(5, itml.Iterations);
    }

    [Fact]
    public void BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Itml(gamma: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Itml(bounds: (-1, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ItmlSupervised(constraintCount: 0));
        var (x, _) = Datasets.Get("iris");
        var ex = Assert.Throws<ArgumentException>(() => new Itml().Fit(x, new Pairs([0, 1], [2, 3])));
        Assert.Contains("no labels", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Itml().Fit(x, new Pairs([0, 150], [2, 3], [1, -1])));
    }
}
