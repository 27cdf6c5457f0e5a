using System.Numerics.Tensors;
using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis;

/// <summary>Settings shared by <see cref="Itml"/> and <see cref="ItmlSupervised"/>.</summary>
internal sealed record ItmlSettings(double Gamma, int MaxIterations, double Tolerance, MetricPrior Prior,
    double[,]? PriorMatrix, ulong Seed, (double Lower, double Upper)? Bounds);

/// <summary>
/// Information-Theoretic Metric Learning (Davis, Kulis, Jain, Sra and Dhillon 2007, ICML, Algorithm 1):
/// minimise the LogDet divergence to the prior subject to d_M(similar) ≤ u and d_M(dissimilar) ≥ l, with slack
/// γ, by cyclic Bregman projections — one rank-one update M += β (Mv)(Mv)ᵀ per constraint, in metric-learn's
/// order (all similar pairs, then all dissimilar ones) until the dual variables change by less than the tolerance.
/// </summary>
internal static class ItmlSolver
{
    // x: (n, d) -> M: (d, d)
    public static (double[] M, int Iterations, double Lower, double Upper) Fit(double[] x, int d, Pairs pairs,
        ItmlSettings s, string learner)
    {
        var rows = pairs.FirstSpan.ToArray().Concat(pairs.SecondSpan.ToArray()).ToArray();
        var (lower, upper) = s.Bounds ?? DefaultBounds(x, d, rows);
        lower = lower == 0 ? 1e-9 : lower;
        upper = upper == 0 ? 1e-9 : upper;
        var (m, _) = MetricInitializer.Create(s.Prior, s.PriorMatrix, x, d, rows, s.Seed, strictPd: true, learner);
        var labels = pairs.LabelSpan.ToArray();
        var pos = Enumerable.Range(0, pairs.Count).Where(i => labels[i] == 1).ToArray();
        var neg = Enumerable.Range(0, pairs.Count).Where(i => labels[i] != 1).ToArray();
        var diffs = Differences(x, d, pairs, pos.Concat(neg).ToArray());
        int np = pos.Length, total = pos.Length + neg.Length;
        var lambda = new double[total];
        var lambdaOld = new double[total];
        var bhat = Enumerable.Range(0, total).Select(i => i < np ? lower : upper).ToArray();
        double gammaProj = double.IsPositiveInfinity(s.Gamma) ? 1 : s.Gamma / (s.Gamma + 1);
        var mv = new double[d];
        int it = 0;
        while (it < s.MaxIterations)
        {
            it++;
            for (int k = 0; k < total; k++)
            {
                var v = diffs.AsSpan(k * d, d);
                Dgemv(m, v, mv, d);
                double wtw = Dense.Dot(v, mv);
                bool similar = k < np;
                // Similar pairs shrink towards bhat (≤ u), dissimilar ones grow towards it (≥ l).
                double alpha = Math.Min(lambda[k], gammaProj * (similar ? 1 / wtw - 1 / bhat[k] : 1 / bhat[k] - 1 / wtw));
                lambda[k] -= alpha;
                double beta = similar ? alpha / (1 - alpha * wtw) : -alpha / (1 + alpha * wtw);
                bhat[k] = 1 / (1 / bhat[k] + (similar ? alpha : -alpha) / s.Gamma);
                RankOneUpdate(m, mv, beta, d);
            }

            double normSum = Norm(lambda) + Norm(lambdaOld);
            if (normSum == 0)
            {
                break;
            }

            double change = 0;
            for (int k = 0; k < total; k++)
            {
                change += Math.Abs(lambdaOld[k] - lambda[k]);
            }

            if (change / normSum < s.Tolerance)
            {
                break;
            }

            Array.Copy(lambda, lambdaOld, total);
        }

        return (m, it, lower, upper);
    }

    // 5th and 95th percentiles of the Euclidean distances between the distinct constrained points (all ordered
    // pairs, the zero diagonal included, numpy's linear interpolation), as metric-learn sets ITML's bounds.
    private static (double, double) DefaultBounds(double[] x, int d, int[] rows)
    {
        var points = MetricFactor.UniqueRows(x, d, rows, out int u);
        var dist = new double[(long)u * u];
        for (int i = 0; i < u; i++)
        {
            for (int j = i + 1; j < u; j++)
            {
                double s = 0;
                for (int t = 0; t < d; t++)
                {
                    double diff = points[i * d + t] - points[j * d + t];
                    s += diff * diff;
                }

                dist[(long)i * u + j] = dist[(long)j * u + i] = Math.Sqrt(s);
            }
        }

        Array.Sort(dist);
        return (Percentile(dist, 5), Percentile(dist, 95));
    }

    internal static double Percentile(double[] sorted, double q)
    {
        double rank = q / 100 * (sorted.Length - 1);
        int lo = (int)Math.Floor(rank);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        double t = rank - lo;
        return t >= 0.5 ? sorted[hi] - (sorted[hi] - sorted[lo]) * (1 - t) : sorted[lo] + (sorted[hi] - sorted[lo]) * t;
    }

    // Rows x_first - x_second of the listed pairs: -> (k, d)
    internal static double[] Differences(double[] x, int d, Pairs pairs, int[] order)
    {
        var diffs = new double[order.Length * d];
        var first = pairs.FirstSpan;
        var second = pairs.SecondSpan;
        for (int k = 0; k < order.Length; k++)
        {
            for (int t = 0; t < d; t++)
            {
                diffs[k * d + t] = x[first[order[k]] * d + t] - x[second[order[k]] * d + t];
            }
        }

        return diffs;
    }

    // y = M v for symmetric M: (d, d)
    private static void Dgemv(double[] m, ReadOnlySpan<double> v, Span<double> y, int d)
    {
        for (int i = 0; i < d; i++)
        {
            y[i] = Dense.Dot(m.AsSpan(i * d, d), v);
        }
    }

    // M += β (Mv)(Mv)ᵀ
    private static void RankOneUpdate(double[] m, double[] mv, double beta, int d)
    {
        for (int i = 0; i < d; i++)
        {
            var row = m.AsSpan(i * d, d);
            TensorPrimitives.MultiplyAdd(mv, mv[i] * beta, row, row);
        }
    }

    private static double Norm(double[] v) => Math.Sqrt(Dense.Dot(v, v));
}
