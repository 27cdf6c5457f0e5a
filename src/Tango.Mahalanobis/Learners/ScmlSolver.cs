using System.Numerics.Tensors;
using Tango.Core;
using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis;

/// <summary>Settings shared by <see cref="Scml"/> and <see cref="ScmlSupervised"/>.</summary>
internal sealed record ScmlSettings(double Beta, ScmlBasis Basis, double[,]? BasisMatrix, int? BasisCount,
    double Gamma, int MaxIterations, int OutputIterations, int BatchSize, ulong Seed);

/// <summary>
/// Sparse Compositional Metric Learning (Shi, Bellet and Sha 2014, AAAI): M = Σ_b w_b u_b u_bᵀ over a dictionary
/// of unit rank-one bases with w ≥ 0, minimising β‖w‖₁ + mean_t [1 + d(a,p) - d(a,n)]₊ over triplets by
/// regularised dual averaging with AdaGrad steps on minibatches (metric-learn's scml.py: batch 10, the iterate
/// w = -(t+1)/(γ(δ + ‖g‖_ada)) ⊙ min(ḡ + β, 0), the best objective of every 500th iterate kept). Unlike
/// metric-learn, which materialises the (triplets × bases) difference matrix (550 MB on digits), the rows are
/// formed on the fly from the projected data, O(n·bases) memory.
/// </summary>
internal static class ScmlSolver
{
    private const double Delta = 0.001;

    // x: (n, d), basis: (nb, d) -> L: (c, d)
    public static (double[] L, int C, int Iterations, double Objective) Fit(double[] x, int n, int d, Triplets t,
        double[] basis, int nb, ScmlSettings s, string learner)
    {
        int nt = t.Count;
        if (nt == 0)
        {
            throw new ArgumentException($"{learner}: no triplets to fit on.");
        }

        var xb = Dense.Project(x, n, d, basis, nb);
        var (ta, tp, tn) = (t.AnchorSpan.ToArray(), t.PositiveSpan.ToArray(), t.NegativeSpan.ToArray());
        var rng = new Rng(s.Seed);
        var (w, avg, ada, grad, row) = (new double[nb], new double[nb], new double[nb], new double[nb], new double[nb]);
        double[]? bestW = null;
        double bestObjective = double.PositiveInfinity;
        for (int it = 0; it < s.MaxIterations; it++)
        {
            Array.Clear(grad);
            for (int b = 0; b < s.BatchSize; b++)
            {
                int k = rng.NextInt(nt);
                DiffRow(xb, nb, ta[k], tp[k], tn[k], row);
                if (1 + Reduce.Dot(row, w) > 0)
                {
                    TensorPrimitives.Add(grad, row, grad);
                }
            }

            for (int b = 0; b < nb; b++)
            {
                double g = grad[b] / s.BatchSize;
                avg[b] = (it * avg[b] + g) / (it + 1);
                ada[b] = Math.Sqrt(ada[b] * ada[b] + g * g);
                w[b] = -(it + 1) / (s.Gamma * (Delta + ada[b])) * Math.Min(avg[b] + s.Beta, 0);
            }

            if ((it + 1) % s.OutputIterations == 0)
            {
                double objective = s.Beta * w.Sum() + MeanHinge(xb, nb, ta, tp, tn, w);
                if (objective < bestObjective)
                {
                    (bestObjective, bestW) = (objective, (double[])w.Clone());
                }
            }
        }

        var (l, c) = ComponentsFromWeights(basis, bestW!, nb, d, learner);
        return (l, c, s.MaxIterations - 1, bestObjective);
    }

    // r_b = (u_b·(x_a - x_p))² - (u_b·(x_a - x_n))² from the projected data xb: (n, nb)
    private static void DiffRow(double[] xb, int nb, int a, int p, int q, Span<double> row)
    {
        var za = xb.AsSpan(a * nb, nb);
        var zp = xb.AsSpan(p * nb, nb);
        var zn = xb.AsSpan(q * nb, nb);
        for (int b = 0; b < nb; b++)
        {
            double dp = za[b] - zp[b], dn = za[b] - zn[b];
            row[b] = dp * dp - dn * dn;
        }
    }

    // mean_t [1 + r_t·w]₊, over the bases with w ≠ 0 only, in fixed chunks reduced in order.
    private static double MeanHinge(double[] xb, int nb, int[] ta, int[] tp, int[] tn, double[] w)
    {
        var active = Enumerable.Range(0, nb).Where(b => w[b] != 0).ToArray();
        int nt = ta.Length, chunks = Math.Min(16, nt);
        var partial = new double[chunks];
        var options = new ParallelOptions { MaxDegreeOfParallelism = (long)nt * active.Length < 1 << 16 ? 1 : -1 };
        Parallel.For(0, chunks, options, ch =>
        {
            double sum = 0;
            for (int k = (int)((long)nt * ch / chunks); k < (int)((long)nt * (ch + 1) / chunks); k++)
            {
                double slack = 1;
                foreach (int b in active)
                {
                    double dp = xb[ta[k] * nb + b] - xb[tp[k] * nb + b], dn = xb[ta[k] * nb + b] - xb[tn[k] * nb + b];
                    slack += w[b] * (dp * dp - dn * dn);
                }

                sum += Math.Max(slack, 0);
            }

            partial[ch] = sum;
        });
        return partial.Sum() / nt;
    }

    // L from the bases with positive weight: rows sqrt(w_b)·u_b when fewer than d, else a factor of Σ w_b u_b u_bᵀ.
    private static (double[], int) ComponentsFromWeights(double[] basis, double[] w, int nb, int d, string learner)
    {
        var active = Enumerable.Range(0, nb).Where(b => w[b] > 0).ToArray();
        if (active.Length == 0)
        {
            throw new InvalidOperationException(
                $"{learner}: no basis received a positive weight; lower beta or raise maxIterations.");
        }

        var rows = new double[active.Length * d];
        for (int r = 0; r < active.Length; r++)
        {
            TensorPrimitives.Multiply(basis.AsSpan(active[r] * d, d), Math.Sqrt(w[active[r]]), rows.AsSpan(r * d, d));
        }

        if (active.Length < d)
        {
            return (rows, active.Length);
        }

        var m = Dense.TransposeMatMul(rows, active.Length, d, rows, d);
        return (MetricFactor.ComponentsFromMetric(m, d, learner), d);
    }

    /// <summary>SCML's objective at a Mahalanobis matrix for unit bases: β·tr(M) + mean_t [1 + d_M(a,p) - d_M(a,n)]₊.</summary>
    public static double ObjectiveAt(double[] x, int d, Triplets t, double[] m, double beta)
    {
        double trace = 0;
        for (int i = 0; i < d; i++)
        {
            trace += m[i * d + i];
        }

        var ta = t.AnchorSpan;
        var tp = t.PositiveSpan;
        var tn = t.NegativeSpan;
        var (u, v, mu) = (new double[d], new double[d], new double[d]);
        double hinge = 0;
        for (int k = 0; k < t.Count; k++)
        {
            TensorPrimitives.Subtract(x.AsSpan(ta[k] * d, d), x.AsSpan(tp[k] * d, d), u);
            TensorPrimitives.Subtract(x.AsSpan(ta[k] * d, d), x.AsSpan(tn[k] * d, d), v);
            double dp = Quad(m, u, mu, d), dn = Quad(m, v, mu, d);
            hinge += Math.Max(1 + dp - dn, 0);
        }

        return beta * trace + hinge / t.Count;
    }

    private static double Quad(double[] m, double[] u, double[] mu, int d)
    {
        for (int i = 0; i < d; i++)
        {
            mu[i] = Reduce.Dot(m.AsSpan(i * d, d), u);
        }

        return Reduce.Dot(u, mu);
    }
}
