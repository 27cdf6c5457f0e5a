using System.Numerics.Tensors;
using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis;

/// <summary>Settings shared by <see cref="Lsml"/> and <see cref="LsmlSupervised"/>.</summary>
internal sealed record LsmlSettings(double Tolerance, int MaxIterations, MetricPrior Prior, double[,]? PriorMatrix,
    ulong Seed);

/// <summary>
/// Least Squares Metric Learning (Liu, Mu, Shen and Yan 2012, "Metric learning from relative comparisons by
/// minimizing squared residual", ICDM): minimise Σ_q w_q [d(a,b) > d(c,d)] (d(a,b) - d(c,d))² + D_ld(M, M₀) with
/// D_ld the LogDet divergence tr(M M₀⁻¹) - log det M, by projected gradient descent: ten step sizes
/// 10^-10..10^0 (scaled by 1/‖∇‖) are tried and the best that lowers the loss is kept, after clipping the
/// eigenvalues at 1e-8. As in metric-learn, the gradient does not use the weights (they only enter the loss).
/// </summary>
internal static class LsmlSolver
{
    private const double MinEigenvalue = 1e-8;

    // x: (n, d) -> M: (d, d)
    public static (double[] M, int Iterations) Fit(double[] x, int d, Quadruplets q, double[]? weights,
        LsmlSettings s, string learner)
    {
        int k = q.Count;
        if (k == 0)
        {
            throw new ArgumentException($"{learner}: no quadruplets to fit on.");
        }

        var w = weights is null ? Enumerable.Repeat(1.0, k).ToArray() : (double[])weights.Clone();
        if (w.Length != k || w.Any(v => !(v >= 0)) || !(w.Sum() > 0))
        {
            throw new ArgumentException(
                $"{learner}: give {k} non-negative weights with a positive sum (one per quadruplet); got {w.Length}.");
        }

        double total = w.Sum();
        TensorPrimitives.Divide(w, total, w);
        var vab = Diff(x, d, q.Column(0), q.Column(1));
        var vcd = Diff(x, d, q.Column(2), q.Column(3));
        var rows = Enumerable.Range(0, 4).SelectMany(c => q.Column(c).ToArray());
        var (m, priorInv) = MetricInitializer.Create(s.Prior, s.PriorMatrix, x, d, rows, s.Seed, strictPd: true, learner);
        double best = Loss(m, vab, vcd, w, priorInv, d);
        double[] steps = Enumerable.Range(0, 10).Select(i => Math.Pow(10, -10 + i * 10.0 / 9)).ToArray();
        int it = 1;
        var trial = new double[d * d];
        var eig = new double[d];
        var vt = new double[d * d];
        for (; it <= s.MaxIterations; it++)
        {
            var grad = Gradient(m, vab, vcd, priorInv, d);
            double gradNorm = Dense.FrobeniusNorm(grad);
            if (gradNorm < s.Tolerance)
            {
                break;
            }

            double[]? mBest = null;
            foreach (double step in steps)
            {
                TensorPrimitives.MultiplyAdd(grad, -step / gradNorm, m, trial);
                Dense.Symmetrize(trial, d);
                SymmetricEigenSolver.Decompose(trial, d, eig, vt);
                var candidate = new double[d * d];
                SymmetricEigenSolver.Reconstruct(eig, vt, d, candidate, v => Math.Max(v, MinEigenvalue));
                double loss = Loss(candidate, vab, vcd, w, priorInv, d);
                if (loss < best)
                {
                    (best, mBest) = (loss, candidate);
                }
            }

            if (mBest is null)
            {
                break;
            }

            m = mBest;
        }

        return (m, Math.Min(it, s.MaxIterations));
    }

    private static double[] Diff(double[] x, int d, ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        var v = new double[a.Length * d];
        for (int i = 0; i < a.Length; i++)
        {
            TensorPrimitives.Subtract(x.AsSpan(a[i] * d, d), x.AsSpan(b[i] * d, d), v.AsSpan(i * d, d));
        }

        return v;
    }

    // Squared Mahalanobis lengths of the rows of v: (k, d) -> (k)
    private static double[] Lengths(double[] m, double[] v, int d)
    {
        int k = v.Length / d;
        var mv = Dense.MatMul(v, k, d, m, d);
        var r = new double[k];
        for (int i = 0; i < k; i++)
        {
            r[i] = Dense.Dot(v.AsSpan(i * d, d), mv.AsSpan(i * d, d));
        }

        return r;
    }

    private static double Loss(double[] m, double[] vab, double[] vcd, double[] w, double[] priorInv, int d)
    {
        var (dab, dcd) = (Lengths(m, vab, d), Lengths(m, vcd, d));
        double comparison = 0;
        for (int i = 0; i < dab.Length; i++)
        {
            if (dab[i] > dcd[i])
            {
                double r = Math.Sqrt(dab[i]) - Math.Sqrt(dcd[i]);
                comparison += w[i] * r * r;
            }
        }

        var (sign, logDet) = Linalg.SignLogDet(m, d);
        return comparison + Dense.Dot(m, priorInv) - sign * logDet;
    }

    // M₀⁻¹ - M⁻¹ + Σ_violated (1 - sqrt(d_cd/d_ab)) v_ab v_abᵀ + (1 - sqrt(d_ab/d_cd)) v_cd v_cdᵀ
    private static double[] Gradient(double[] m, double[] vab, double[] vcd, double[] priorInv, int d)
    {
        var grad = Linalg.Inverse(m, d);
        TensorPrimitives.Subtract(priorInv, grad, grad);
        var (dab, dcd) = (Lengths(m, vab, d), Lengths(m, vcd, d));
        for (int i = 0; i < dab.Length; i++)
        {
            if (dab[i] > dcd[i])
            {
                AddOuter(grad, vab.AsSpan(i * d, d), 1 - Math.Sqrt(dcd[i] / dab[i]), d);
                AddOuter(grad, vcd.AsSpan(i * d, d), 1 - Math.Sqrt(dab[i] / dcd[i]), d);
            }
        }

        return grad;
    }

    private static void AddOuter(double[] g, ReadOnlySpan<double> v, double scale, int d)
    {
        for (int r = 0; r < d; r++)
        {
            TensorPrimitives.MultiplyAdd(v, scale * v[r], g.AsSpan(r * d, d), g.AsSpan(r * d, d));
        }
    }
}
