namespace Tango.Mahalanobis.Tests;

public class MlkrTests
{
    [Theory]
    [InlineData("iris")]
    public void MatchesMetricLearn(string dataset)
    {
        var (x, y) = Datasets.Get(dataset);
        var mlkr = new Mlkr();
        mlkr.Fit(x, y);
        var reference = Reference.Run(dataset, "MLKR");
        Check.RelativeClose(reference.Mahalanobis, mlkr.MahalanobisMatrix, 1e-4, "M");
        double refObjective = Mlkr.ObjectiveAt(x, y.Select(v => (double)v).ToArray(),
            NcaTests.Factor(reference.Mahalanobis));
        Assert.True(mlkr.Objective <= refObjective * (1 + 1e-6), $"objective {mlkr.Objective} > {refObjective}");
    }

    // The same check on digits (64 features, 1797 points); iris above covers the code quickly.
    [Fact]
    [Trait("Category", "Slow")]
    public void MatchesMetricLearn_Digits() => MatchesMetricLearn("digits");

    [Fact]
    public void IrisCrossValidationMatchesMetricLearn()
    {
        var (x, y) = Datasets.Get("iris");
        var cv = CrossValidation.Run(() => new Mlkr(), x, y, Reference.Folds("iris"));
        CrossValidation.AssertClose(cv, Reference.Run("iris", "MLKR"));
    }

    [Fact]
    public void RealTargets_ReduceTheRegressionError()
    {
        // y depends on the first feature only; the learned metric should weigh it most.
        var rng = new Tango.Core.Rng(3);
        int n = 80;
        var x = new double[n, 3];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                x[i, j] = 2 * rng.NextDouble() - 1;
            }

            y[i] = Math.Sin(3 * x[i, 0]);
        }

        var mlkr = new Mlkr(init: ComponentInit.Identity);
        mlkr.Fit(x, y);
        double before = Mlkr.ObjectiveAt(x, y, new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } });
        Assert.True(mlkr.Objective < 0.5 * before, $"{mlkr.Objective} vs {before}");
        var m = mlkr.MahalanobisMatrix;
        Assert.True(m[0, 0] > 5 * Math.Max(m[1, 1], m[2, 2]), $"M diagonal {m[0, 0]}, {m[1, 1]}, {m[2, 2]}");
    }

    [Fact]
    public void LdaInit_IsRejected() => Assert.Throws<ArgumentException>(() => new Mlkr(init: ComponentInit.Lda));
}
