using Tango.Mahalanobis.Objectives;

namespace Tango.Mahalanobis.Tests;

public class NcaObjectiveTests
{
    [Theory]
    [InlineData(12, 5, 5, 3)]
    [InlineData(40, 7, 3, 4)]
    [InlineData(70, 4, 2, 2)] // more rows than one block: exercises the row-block reduction
    public void Gradient_MatchesFiniteDifferences(int n, int d, int c, int classes)
    {
        var x = GradientCheck.Random(n, d, 1);
        var labels = Enumerable.Range(0, n).Select(i => i % classes).ToArray();
        var objective = new NcaObjective(labels);
        GradientCheck.Check((l, g) => objective.Evaluate(x, n, d, l, c, g), GradientCheck.Random(c, d, 2, 0.7));
    }

    [Fact]
    public void Value_MatchesNaiveSoftmaxLoop()
    {
        int n = 9, d = 3, c = 2;
        var x = GradientCheck.Random(n, d, 3);
        var l = GradientCheck.Random(c, d, 4);
        var labels = Enumerable.Range(0, n).Select(i => i % 3).ToArray();
        double expected = 0;
        for (int i = 0; i < n; i++)
        {
            var e = new double[n];
            for (int j = 0; j < n; j++)
            {
                e[j] = j == i ? 0 : Math.Exp(-SquaredDistance(x, l, d, c, i, j));
            }

            double sum = e.Sum();
            expected += Enumerable.Range(0, n).Where(j => labels[j] == labels[i]).Sum(j => e[j] / sum);
        }

        double actual = new NcaObjective(labels).Evaluate(x, n, d, l, c, new double[c * d]);
        Assert.Equal(expected, actual, 12);
    }

    // Repeated evaluations allocate their row buffers at different addresses; with points far apart (distances past
    // the ±708 range where the vector exp falls back to Math.Exp) the gradient must still come out bit for bit equal.
    [Fact]
    public void Evaluate_GivesTheSameBitsEveryTime_EvenWithFarApartPoints()
    {
        int n = 70, d = 4, c = 4;
        var x = GradientCheck.Random(n, d, 5, 1.0);
        for (int i = 0; i < n; i += 7)
        {
            x[i * d] += 40 * (i % 3);
        }

        var labels = Enumerable.Range(0, n).Select(i => i % 3).ToArray();
        var l = GradientCheck.Random(c, d, 6, 1.0);
        var objective = new NcaObjective(labels);
        var first = new double[c * d];
        double f0 = objective.Evaluate(x, n, d, l, c, first);
        for (int rep = 0; rep < 30; rep++)
        {
            _ = new double[rep * 5 + 1]; // shift the next allocations
            var g = new double[c * d];
            Assert.Equal(f0, objective.Evaluate(x, n, d, l, c, g));
            Assert.Equal(first, g);
        }
    }

    internal static double SquaredDistance(double[] x, double[] l, int d, int c, int i, int j)
    {
        double s = 0;
        for (int r = 0; r < c; r++)
        {
            double t = 0;
            for (int k = 0; k < d; k++)
            {
                t += l[r * d + k] * (x[i * d + k] - x[j * d + k]);
            }

            s += t * t;
        }

        return s;
    }
}
