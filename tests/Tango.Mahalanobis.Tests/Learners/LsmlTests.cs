namespace Tango.Mahalanobis.Tests;

public class LsmlTests
{
    private static Quadruplets ReferenceQuadruplets(Reference reference)
    {
        var c = reference.Constraints;
        return new Quadruplets(Reference.IntArray(c.GetProperty("a")), Reference.IntArray(c.GetProperty("b")),
            Reference.IntArray(c.GetProperty("c")), Reference.IntArray(c.GetProperty("d")));
    }

    [Theory]
    [InlineData("iris")]
    public void RefitOnReferenceQuadruplets_MatchesMetricLearn(string dataset)
    {
        var (x, _) = Datasets.Get(dataset);
        var reference = Reference.Run(dataset, "LSML_Supervised");
        var lsml = new Lsml();
        lsml.Fit(x, ReferenceQuadruplets(reference));
        Check.RelativeClose(reference.Mahalanobis, lsml.MahalanobisMatrix, 1e-4, "M");
        Assert.Equal(reference.Iterations, lsml.Iterations);
    }

    // The same check on digits (64 features, 1797 points); iris above covers the code quickly.
    [Fact]
    [Trait("Category", "Slow")]
    public void RefitOnReferenceQuadruplets_MatchesMetricLearn_Digits() => RefitOnReferenceQuadruplets_MatchesMetricLearn("digits");

    [Fact]
    public void IrisCrossValidationMatchesMetricLearn()
    {
        var (x, y) = Datasets.Get("iris");
        var cv = CrossValidation.Run(() => new LsmlSupervised(), x, y, Reference.Folds("iris"));
        CrossValidation.AssertClose(cv, Reference.Run("iris", "LSML_Supervised"), better: 0.03);
    }

    [Fact]
    public void QuadrupletClassification_ScoresAtLeastEuclidean()
    {
        var (x, _) = Datasets.Get("iris");
        var q = ReferenceQuadruplets(Reference.Run("iris", "LSML_Supervised"));
        var lsml = new Lsml();
        lsml.Fit(x, q);
        var decision = lsml.DecisionFunction(x, q);
        var predict = lsml.Predict(x, q);
        for (int i = 0; i < q.Count; i++)
        {
            Assert.Equal(Math.Sign(decision[i]), predict[i]);
        }

        double euclidean = Enumerable.Range(0, q.Count).Average(i =>
            Dist(x, q.C[i], q.D[i]) > Dist(x, q.A[i], q.B[i]) ? 1.0 : 0.0);
        Assert.True(lsml.Score(x, q) >= euclidean, $"{lsml.Score(x, q)} < {euclidean}");
    }

    [Fact]
    public void Weights_MustMatchTheQuadruplets()
    {
        var (x, _) = Datasets.Get("iris");
        var q = new Quadruplets([0, 1], [2, 3], [0, 1], [100, 120]);
        var ex = Assert.Throws<ArgumentException>(() => new Lsml().Fit(x, q, [1.0]));
        Assert.Contains("give 2 non-negative weights", ex.Message, StringComparison.Ordinal);
        new Lsml().Fit(x, q, [1.0, 3.0]);
    }

    private static double Dist(double[,] x, int i, int j) =>
        Math.Sqrt(Enumerable.Range(0, x.GetLength(1)).Sum(k => (x[i, k] - x[j, k]) * (x[i, k] - x[j, k])));
}
