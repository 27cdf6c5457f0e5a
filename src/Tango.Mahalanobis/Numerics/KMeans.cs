using System.Numerics.Tensors;
using Tango.Core;

namespace Tango.Mahalanobis.Numerics;

/// <summary>
/// Small k-means for SCML's LDA basis (where metric-learn calls scikit-learn's <c>KMeans(n_init=10)</c>): k-means++
/// seeding (Arthur and Vassilvitskii 2007) and Lloyd iterations until the centres move less than 1e-4 of the mean
/// feature variance, best of several seeded restarts by inertia. Seeds are Tango's, so the centres are not
/// scikit-learn's.
/// </summary>
internal static class KMeans
{
    // x: (n, d) -> centres: (k, d)
    public static double[] Fit(double[] x, int n, int d, int k, ulong seed, int restarts = 10, int maxIterations = 300)
    {
        if (k < 1 || k > n)
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"KMeans: {k} clusters for {n} points.");
        }

        double tol = 1e-4 * Dense.Covariance(x, n, d, ddof: 0).Where((_, i) => i % (d + 1) == 0).Average();
        var rng = new Rng(seed);
        double[]? best = null;
        double bestInertia = double.PositiveInfinity;
        for (int r = 0; r < restarts; r++)
        {
            var centres = PlusPlus(x, n, d, k, rng.Split());
            double inertia = Lloyd(x, n, d, k, centres, maxIterations, tol);
            if (inertia < bestInertia)
            {
                (best, bestInertia) = (centres, inertia);
            }
        }

        return best!;
    }

    private static double[] PlusPlus(double[] x, int n, int d, int k, Rng rng)
    {
        var centres = new double[k * d];
        Array.Copy(x, rng.NextInt(n) * d, centres, 0, d);
        var closest = new double[n];
        for (int i = 0; i < n; i++)
        {
            closest[i] = Sq(x.AsSpan(i * d, d), centres.AsSpan(0, d));
        }

        for (int c = 1; c < k; c++)
        {
            double total = closest.Sum(), u = rng.NextDouble() * total, acc = 0;
            int pick = n - 1;
            for (int i = 0; i < n; i++)
            {
                acc += closest[i];
                if (acc > u)
                {
                    pick = i;
                    break;
                }
            }

            Array.Copy(x, pick * d, centres, c * d, d);
            for (int i = 0; i < n; i++)
            {
                closest[i] = Math.Min(closest[i], Sq(x.AsSpan(i * d, d), centres.AsSpan(c * d, d)));
            }
        }

        return centres;
    }

    private static double Lloyd(double[] x, int n, int d, int k, double[] centres, int maxIterations, double tol)
    {
        var assign = new int[n];
        var xNorm = new double[n];
        for (int i = 0; i < n; i++)
        {
            xNorm[i] = Reduce.Dot(x.AsSpan(i * d, d), x.AsSpan(i * d, d));
        }

        var dots = new double[n * k];
        double inertia = 0;
        for (int it = 0; it < maxIterations; it++)
        {
            // ‖x - c‖² = ‖x‖² - 2 x·c + ‖c‖², the products by one matrix multiply.
            Dgemm.Multiply(x, n, d, Dense.Transpose(centres, k, d), k, dots);
            var cNorm = new double[k];
            for (int c = 0; c < k; c++)
            {
                cNorm[c] = Reduce.Dot(centres.AsSpan(c * d, d), centres.AsSpan(c * d, d));
            }

            inertia = 0;
            for (int i = 0; i < n; i++)
            {
                double bestD = double.PositiveInfinity;
                for (int c = 0; c < k; c++)
                {
                    double dist = Math.Max(xNorm[i] - 2 * dots[i * k + c] + cNorm[c], 0);
                    if (dist < bestD)
                    {
                        (bestD, assign[i]) = (dist, c);
                    }
                }

                inertia += bestD;
            }

            var sums = new double[k * d];
            var counts = new int[k];
            for (int i = 0; i < n; i++)
            {
                counts[assign[i]]++;
                TensorPrimitives.Add(sums.AsSpan(assign[i] * d, d), x.AsSpan(i * d, d), sums.AsSpan(assign[i] * d, d));
            }

            double shift = 0;
            for (int c = 0; c < k; c++)
            {
                if (counts[c] == 0)
                {
                    continue; // an empty cluster keeps its centre
                }

                var centre = centres.AsSpan(c * d, d);
                for (int t = 0; t < d; t++)
                {
                    double v = sums[c * d + t] / counts[c];
                    shift += (v - centre[t]) * (v - centre[t]);
                    centre[t] = v;
                }
            }

            if (shift <= tol)
            {
                break;
            }
        }

        return inertia;
    }

    private static double Sq(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double diff = a[i] - b[i];
            s += diff * diff;
        }

        return s;
    }
}
