namespace Tango.Mahalanobis.Tests;

public class CovarianceTests
{
    [Theory]
    [InlineData("iris")]
    [InlineData("digits")]
    public void MatchesMetricLearn(string dataset)
    {
        var (x, y) = Datasets.Get(dataset);
        var cov = new Covariance();
        cov.Fit(x, y);
        var reference = Reference.Run(dataset, "Covariance");
        Check.RelativeClose(reference.Mahalanobis, cov.MahalanobisMatrix, 1e-4, $"{dataset} M");
    }

    [Fact]
    public void IrisCrossValidationMatchesMetricLearn()
    {
        var (x, y) = Datasets.Get("iris");
        var cv = CrossValidation.Run(() => new Covariance(), x, y, Reference.Folds("iris"));
        CrossValidation.AssertClose(cv, Reference.Run("iris", "Covariance"));
    }

    [Fact]
    public void WhitensTheData()
    {
        // In the learned space the sample covariance is the identity (full-rank data).
        var (x, y) = Datasets.Get("iris");
        var cov = new Covariance();
        cov.Fit(x, y);
        var z = cov.Transform(x);
        var c = Numerics.Dense.Covariance(Numerics.Dense.Flatten(z), z.GetLength(0), z.GetLength(1));
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                Assert.Equal(i == j ? 1.0 : 0.0, c[i * 4 + j], 9);
            }
        }
    }

    [Fact]
    public void ConstantSingleFeature_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Covariance().Fit(new double[,] { { 1 }, { 1 }, { 1 } }));
        Assert.Contains("constant", ex.Message, StringComparison.Ordinal);
    }
}
