using Tango.Mahalanobis.Objectives;

namespace Tango.Mahalanobis.Tests;

public class MlkrObjectiveTests
{
    [Theory]
    [InlineData(12, 5, 5)]
    [InlineData(45, 6, 2)]
    public void Gradient_MatchesFiniteDifferences(int n, int d, int c)
    {
        var x = GradientCheck.Random(n, d, 5);
        var y = GradientCheck.Random(n, 1, 6, 3);
        var objective = new MlkrObjective(y);
        GradientCheck.Check((l, g) => objective.Evaluate(x, n, d, l, c, g), GradientCheck.Random(c, d, 7, 0.8));
    }

    [Fact]
    public void Value_MatchesNaiveKernelRegression()
    {
        int n = 8, d = 3, c = 3;
        var x = GradientCheck.Random(n, d, 8);
        var l = GradientCheck.Random(c, d, 9);
        var y = GradientCheck.Random(n, 1, 10, 2);
        double expected = 0;
        for (int i = 0; i < n; i++)
        {
            double num = 0, den = 0;
            for (int j = 0; j < n; j++)
            {
                if (j != i)
                {
                    double k = Math.Exp(-NcaObjectiveTests.SquaredDistance(x, l, d, c, i, j));
                    num += k * y[j];
                    den += k;
                }
            }

            expected += (num / den - y[i]) * (num / den - y[i]);
        }

        Assert.Equal(expected, new MlkrObjective(y).Evaluate(x, n, d, l, c, new double[c * d]), 12);
    }
}
