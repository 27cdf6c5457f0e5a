using System.Numerics.Tensors;
using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis;

/// <summary>Settings shared by <see cref="Mmc"/> and <see cref="MmcSupervised"/>.</summary>
internal sealed record MmcSettings(int MaxIterations, int MaxProjections, double Tolerance, MetricPrior Init,
    double[,]? InitMatrix, bool Diagonal, double DiagonalC, ulong Seed);

/// <summary>
/// Mahalanobis Metric for Clustering (Xing, Ng, Jordan and Russell 2002, NIPS): maximise
/// g(M) = log Σ_dissimilar d_M subject to Σ_similar d_M² ≤ t and M ⪰ 0. The full-matrix solver alternates
/// projections onto the half-space and the PSD cone with gradient ascent steps (an adaptive step, ×1.05 on
/// success, ÷2 on failure); the diagonal solver takes damped Newton steps on
/// Σ_similar d² - c·log Σ_dissimilar d. Both follow metric-learn's mmc.py step for step.
/// </summary>
internal static class MmcSolver
{
    // x: (n, d) -> M: (d, d)
    public static (double[] M, int Iterations, bool Converged) Fit(double[] x, int d, Pairs pairs, MmcSettings s,
        string learner)
    {
        var rows = pairs.FirstSpan.ToArray().Concat(pairs.SecondSpan.ToArray());
        var (a0, _) = MetricInitializer.Create(s.Init, s.InitMatrix, x, d, rows, s.Seed, strictPd: false, learner, "init");
        var labels = pairs.LabelSpan.ToArray();
        var pos = ItmlSolver.Differences(x, d, pairs, Enumerable.Range(0, labels.Length).Where(i => labels[i] == 1).ToArray());
        var neg = ItmlSolver.Differences(x, d, pairs, Enumerable.Range(0, labels.Length).Where(i => labels[i] != 1).ToArray());
        if (pos.Length == 0 || neg.Length == 0)
        {
            throw new ArgumentException($"{learner}: MMC needs both similar (+1) and dissimilar (-1) pairs.");
        }

        return s.Diagonal ? FitDiagonal(a0, pos, neg, d, s) : FitFull(a0, pos, neg, d, s);
    }

    private static (double[], int, bool) FitFull(double[] a, double[] pos, double[] neg, int d, MmcSettings s)
    {
        // Constraint Σ_similar d_M² = w·vec(M) ≤ t, t = w·vec(M₀) / 100.
        var w = Dense.TransposeMatMul(pos, pos.Length / d, d, pos, d);
        double t = Dense.Dot(w, a) / 100.0;
        double wNorm = Dense.FrobeniusNorm(w);
        var w1 = w.Select(v => v / wNorm).ToArray();
        double t1 = t / wNorm;
        double alpha = 0.1;
        // metric-learn's first direction has the roles swapped (only used if the first cycle fails).
        var grad = Projection(SimilarGradient(pos, d), DissimilarGradient(neg, a, d));
        var aOld = (double[])a.Clone();
        int cycle = 0;
        double delta = double.PositiveInfinity;
        for (; cycle < s.MaxIterations; cycle++)
        {
            bool satisfied = false;
            for (int it = 0; it < s.MaxProjections; it++)
            {
                if (Dense.Dot(w, a) > t)
                {
                    TensorPrimitives.MultiplyAdd(w1, t1 - Dense.Dot(w1, a), a, a);
                }

                ProjectPsd(a, d);
                if ((Dense.Dot(w, a) - t) / t < 0.01)
                {
                    satisfied = true;
                    break;
                }
            }

            double objPrevious = DissimilarObjective(neg, aOld, d);
            double obj = DissimilarObjective(neg, a, d);
            if (satisfied && (obj > objPrevious || cycle == 0))
            {
                alpha *= 1.05;
                Array.Copy(a, aOld, a.Length);
                // Ascent direction: ∇g with its component along the constraint's gradient removed.
                grad = Projection(DissimilarGradient(neg, a, d), SimilarGradient(pos, d));
                TensorPrimitives.MultiplyAdd(grad, alpha, a, a);
            }
            else
            {
                alpha /= 2;
                TensorPrimitives.MultiplyAdd(grad, alpha, aOld, a);
            }

            delta = alpha * Dense.FrobeniusNorm(grad) / Dense.FrobeniusNorm(aOld);
            if (delta < s.Tolerance)
            {
                break;
            }
        }

        return (aOld, cycle == s.MaxIterations ? cycle - 1 : cycle, delta <= s.Tolerance);
    }

    // Σ_similar (x - x')(x - x')ᵀ: the gradient of the constraint. pos: (k, d) -> (d, d)
    private static double[] SimilarGradient(double[] pos, int d) => Dense.TransposeMatMul(pos, pos.Length / d, d, pos, d);

    // ∇ log Σ_k sqrt(v_kᵀ M v_k) ≈ Σ_k v_k v_kᵀ / (2 (d_k + 1e-6)) / (Σ_k d_k + 1e-6) (metric-learn's _fD1).
    private static double[] DissimilarGradient(double[] neg, double[] a, int d)
    {
        int k = neg.Length / d;
        var dist = Distances(neg, a, d);
        var scaled = new double[neg.Length];
        for (int i = 0; i < k; i++)
        {
            TensorPrimitives.Multiply(neg.AsSpan(i * d, d), 0.5 / (dist[i] + 1e-6), scaled.AsSpan(i * d, d));
        }

        var g = Dense.TransposeMatMul(neg, k, d, scaled, d);
        double sum = dist.Sum() + 1e-6;
        TensorPrimitives.Divide(g, sum, g);
        return g;
    }

    // log(Σ_k sqrt(v_kᵀ M v_k) + 1e-6)
    private static double DissimilarObjective(double[] neg, double[] a, int d) => Math.Log(Distances(neg, a, d).Sum() + 1e-6);

    private static double[] Distances(double[] v, double[] a, int d)
    {
        int k = v.Length / d;
        var av = Dense.MatMul(v, k, d, a, d);
        var dist = new double[k];
        for (int i = 0; i < k; i++)
        {
            dist[i] = Math.Sqrt(Dense.Dot(v.AsSpan(i * d, d), av.AsSpan(i * d, d)));
        }

        return dist;
    }

    // The component of grad1 orthogonal to grad2, normalised (metric-learn's _grad_projection).
    private static double[] Projection(double[] grad1, double[] grad2)
    {
        double n2 = Dense.FrobeniusNorm(grad2);
        var g2 = grad2.Select(v => v / n2).ToArray();
        var g = (double[])grad1.Clone();
        TensorPrimitives.MultiplyAdd(g2, -Dense.Dot(grad1, g2), g, g);
        double n = Dense.FrobeniusNorm(g);
        TensorPrimitives.Divide(g, n, g);
        return g;
    }

    // A = V max(Λ, 0) Vᵀ of (A + Aᵀ)/2
    private static void ProjectPsd(double[] a, int d)
    {
        Dense.Symmetrize(a, d);
        SymmetricEigenSolver.ProjectPsd(a, d);
    }

    private static (double[], int, bool) FitDiagonal(double[] a0, double[] pos, double[] neg, int d, MmcSettings s)
    {
        var w = Enumerable.Range(0, d).Select(i => a0[i * d + i]).ToArray();
        var (diag, it) = MmcDiagonal.Fit(w, pos, neg, d, s.MaxIterations, s.Tolerance, s.DiagonalC);
        var m = new double[d * d];
        for (int i = 0; i < d; i++)
        {
            m[i * d + i] = diag[i];
        }

        return (m, it, true);
    }
}
