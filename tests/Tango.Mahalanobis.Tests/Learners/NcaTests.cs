namespace Tango.Mahalanobis.Tests;

public class NcaTests
{
    // metric-learn runs scipy's L-BFGS-B from the identity; Tango's L-BFGS makes the same choices, so on the
    // same data it lands on the same matrix.
    [Theory]
    [InlineData("iris")]
    public void MatchesMetricLearn(string dataset)
    {
        var (x, y) = Datasets.Get(dataset);
        var nca = new Nca();
        nca.Fit(x, y);
        var reference = Reference.Run(dataset, "NCA");
        Check.RelativeClose(reference.Mahalanobis, nca.MahalanobisMatrix, 1e-4, "M");
        double refObjective = Nca.ObjectiveAt(x, y, Factor(reference.Mahalanobis));
        Assert.True(nca.Objective >= refObjective - 1e-6 * Math.Abs(refObjective),
            $"objective {nca.Objective} < metric-learn's {refObjective}");
        Assert.Equal(reference.Iterations, nca.Iterations);
    }

    // The same check on digits (64 features, 1797 points); iris above covers the code quickly.
    [Fact]
    [Trait("Category", "Slow")]
    public void MatchesMetricLearn_Digits() => MatchesMetricLearn("digits");

    [Fact]
    public void IrisCrossValidationMatchesMetricLearn()
    {
        var (x, y) = Datasets.Get("iris");
        var cv = CrossValidation.Run(() => new Nca(), x, y, Reference.Folds("iris"));
        CrossValidation.AssertClose(cv, Reference.Run("iris", "NCA"));
    }

    [Fact]
    public void LowDimension_AutoInitIsLdaAndImprovesTheObjective()
    {
        var (x, y) = Datasets.Get("iris");
        var start = new Nca(components: 2, maxIterations: 0);
        start.Fit(x, y);
        var nca = new Nca(components: 2, maxIterations: 50);
        nca.Fit(x, y);
        Assert.Equal(2, nca.ComponentCount);
        Assert.True(nca.Objective > start.Objective, $"{nca.Objective} <= {start.Objective}");
        Assert.True(nca.Objective > 140, $"objective {nca.Objective}");
    }

    [Fact]
    public void BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Nca(maxIterations: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Nca(tolerance: 0));
        var (x, y) = Datasets.Get("iris");
        var ex = Assert.Throws<ArgumentException>(() => new Nca(initialComponents: new double[2, 3]).Fit(x, y));
        Assert.Contains("expected (2, 4)", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new Nca().Fit(x, y[..10]));
    }

    // Any L with LᵀL = M (eigen-factor), for evaluating objectives at a reference matrix.
    internal static double[,] Factor(double[,] m)
    {
        int d = m.GetLength(0);
        var (w, v) = Numerics.Linalg.SymmetricEigen(Numerics.Dense.Flatten(m), d);
        var l = new double[d, d];
        for (int k = 0; k < d; k++)
        {
            for (int j = 0; j < d; j++)
            {
                l[k, j] = v[j * d + k] * Math.Sqrt(Math.Max(w[k], 0));
            }
        }

        return l;
    }
}
