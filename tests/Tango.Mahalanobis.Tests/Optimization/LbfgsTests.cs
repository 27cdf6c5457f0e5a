using Tango.Mahalanobis.Optimization;

namespace Tango.Mahalanobis.Tests;

public class LbfgsTests
{
    [Fact]
    public void MinimisesRosenbrock()
    {
        static double F(ReadOnlySpan<double> x, Span<double> g)
        {
            double a = 1 - x[0], b = x[1] - x[0] * x[0];
            g[0] = -2 * a - 400 * x[0] * b;
            g[1] = 200 * b;
            return a * a + 100 * b * b;
        }

        var r = Lbfgs.Minimize(F, [-1.2, 1.0], 200);
        Assert.Equal(1, r.X[0], 4);
        Assert.Equal(1, r.X[1], 4);
        Assert.True(r.Stop is LbfgsStop.GradientTolerance or LbfgsStop.RelativeReduction, r.Stop.ToString());
        Assert.InRange(r.Iterations, 20, 60);
    }

    [Fact]
    public void QuadraticConvergesToTheExactMinimiser()
    {
        // f = ½ xᵀAx - bᵀx, A = diag(1..6): minimiser A⁻¹b.
        double[] b = [1, 2, 3, 4, 5, 6];
        double F(ReadOnlySpan<double> x, Span<double> g)
        {
            double f = 0;
            for (int i = 0; i < 6; i++)
            {
                g[i] = (i + 1) * x[i] - b[i];
                f += 0.5 * (i + 1) * x[i] * x[i] - b[i] * x[i];
            }

            return f;
        }

        var r = Lbfgs.Minimize(F, new double[6], 100);
        Assert.All(r.X, v => Assert.Equal(1, v, 5));
    }

    [Fact]
    public void MaxIterations_StopsEarly()
    {
        static double F(ReadOnlySpan<double> x, Span<double> g)
        {
            g[0] = 4 * x[0] * x[0] * x[0];
            return Math.Pow(x[0], 4);
        }

        var r = Lbfgs.Minimize(F, [3.0], 2);
        Assert.Equal(LbfgsStop.MaxIterations, r.Stop);
        Assert.Equal(2, r.Iterations);
    }

    [Fact]
    public void MoreThuente_AcceptsAStrongWolfeStep()
    {
        // φ(t) = (t - 2)² along the line, φ(0) = 4, φ'(0) = -4: the exact minimiser t = 2 satisfies both conditions.
        var search = new MoreThuente(4, -4, 1, 1e10);
        int evaluations = 0;
        while (!search.Next(Math.Pow(search.Step - 2, 2), 2 * (search.Step - 2)))
        {
            Assert.True(++evaluations < 20);
        }

        double t = search.Step;
        Assert.True(Math.Pow(t - 2, 2) <= 4 + 1e-3 * t * -4, "sufficient decrease");
        Assert.True(Math.Abs(2 * (t - 2)) <= 0.9 * 4, "curvature");
    }
}
