namespace Tango.Mahalanobis.Tests;

/// <summary>Central finite differences in double precision against an analytic gradient.</summary>
internal static class GradientCheck
{
    public delegate double Objective(double[] x, double[] grad);

    /// <summary>|analytic - numeric| ≤ atol + rtol·max(|analytic|, |numeric|) for every coordinate.</summary>
    public static void Check(Objective f, double[] x0, double h = 1e-6, double rtol = 1e-5, double atol = 1e-8)
    {
        var grad = new double[x0.Length];
        f((double[])x0.Clone(), grad);
        var scratch = new double[x0.Length];
        for (int i = 0; i < x0.Length; i++)
        {
            var xp = (double[])x0.Clone();
            var xm = (double[])x0.Clone();
            xp[i] += h;
            xm[i] -= h;
            double numeric = (f(xp, scratch) - f(xm, scratch)) / (2 * h);
            double bound = atol + rtol * Math.Max(Math.Abs(grad[i]), Math.Abs(numeric));
            Assert.True(Math.Abs(grad[i] - numeric) <= bound,
                $"coordinate {i}: analytic {grad[i]:G10}, numeric {numeric:G10}");
        }
    }

    /// <summary>A seeded random (n, d) matrix with entries in [-1, 1) times scale.</summary>
    public static double[] Random(int n, int d, ulong seed, double scale = 1)
    {
        var rng = new Tango.Core.Rng(seed);
        return Enumerable.Range(0, n * d).Select(_ => scale * (2 * rng.NextDouble() - 1)).ToArray();
    }
}
