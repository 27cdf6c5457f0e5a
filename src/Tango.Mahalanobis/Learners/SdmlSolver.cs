using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis;

/// <summary>Settings shared by <see cref="Sdml"/> and <see cref="SdmlSupervised"/>.</summary>
internal sealed record SdmlSettings(double Balance, double Sparsity, MetricPrior Prior, double[,]? PriorMatrix,
    ulong Seed);

/// <summary>
/// Sparse Determinant Metric Learning (Qi, Tang, Zha, Chua and Zhang 2009, ICML): M is the graphical-lasso
/// precision of S = M₀⁻¹ + η Σ_k y_k v_k v_kᵀ (v_k the pair differences, y_k = ±1), with ℓ₁ weight λ
/// (metric-learn's sdml.py, scikit-learn's solver). S is indefinite when the dissimilar pairs outweigh the prior
/// (η large); metric-learn then passes it on and the lasso usually fails ("ill-conditioned"). Tango differs there:
/// it clips S's eigenvalues from below at the smallest eigenvalue of M₀⁻¹ (a positive definite matrix near S), which
/// is the covariance the graphical lasso needs, and says so in <see cref="ProjectedCovariance"/>.
/// </summary>
internal static class SdmlSolver
{
    // x: (n, d) -> M: (d, d); projected: whether S had to be projected onto the PSD cone.
    public static (double[] M, bool Projected) Fit(double[] x, int d, Pairs pairs, SdmlSettings s, string learner)
    {
        if (d < 2)
        {
            throw new ArgumentException($"{learner}: SDML needs at least 2 features; x has {d}.");
        }

        var rows = pairs.FirstSpan.ToArray().Concat(pairs.SecondSpan.ToArray());
        var (_, priorInv) = MetricInitializer.Create(s.Prior, s.PriorMatrix, x, d, rows, s.Seed, strictPd: true, learner);
        var labels = pairs.LabelSpan.ToArray();
        var diff = ItmlSolver.Differences(x, d, pairs, Enumerable.Range(0, pairs.Count).ToArray());
        var signed = new double[diff.Length];
        for (int k = 0; k < labels.Length; k++)
        {
            for (int t = 0; t < d; t++)
            {
                signed[k * d + t] = diff[k * d + t] * labels[k];
            }
        }

        var loss = Dense.TransposeMatMul(signed, labels.Length, d, diff, d);
        var empCov = new double[d * d];
        for (int i = 0; i < empCov.Length; i++)
        {
            empCov[i] = priorInv[i] + s.Balance * loss[i];
        }

        Dense.Symmetrize(empCov, d);
        var (w, v) = Linalg.SymmetricEigen(empCov, d);
        bool projected = w[0] < 0;
        if (projected)
        {
            double floor = Linalg.SymmetricEigen(priorInv, d).Values[0];
            empCov = Linalg.Reconstruct(w, v, d, e => Math.Max(e, floor));
            for (int i = 0; i < d; i++)
            {
                w[i] = Math.Max(w[i], floor);
            }
        }

        var sigma0 = Linalg.Reconstruct(w, v, d, e => e + 1e-10);
        double[] m;
        try
        {
            m = GraphicalLasso.Fit(empCov, sigma0, d, s.Sparsity);
        }
        catch (ArithmeticException e)
        {
            throw Failure(learner, s, e.Message, MaxDefiniteBalance(loss, priorInv, d));
        }

        if (m.Any(value => !double.IsFinite(value)) || Linalg.SymmetricEigen(m, d).Values[0] < 0)
        {
            throw Failure(learner, s, "the result is not positive semi-definite", MaxDefiniteBalance(loss, priorInv, d));
        }

        return (m, projected);
    }

    private static InvalidOperationException Failure(string learner, SdmlSettings s, string why, double maxBalance) =>
        new($"{learner}: the graphical lasso failed ({why}). Lower balance (now {s.Balance:G3}" +
            (double.IsFinite(maxBalance) ? $"; below {maxBalance:G2} the pair covariance is positive definite" : "") +
            $") or raise sparsity (now {s.Sparsity:G3}).");

    // The largest η with M₀⁻¹ + η·L positive definite: -1/μ for the smallest generalized eigenvalue μ of (L, M₀⁻¹).
    private static double MaxDefiniteBalance(double[] loss, double[] priorInv, int d)
    {
        var eig = Linalg.GeneralizedSymmetricEigen(loss, priorInv, d);
        return eig is { } e && e.Values[0] < 0 ? -1 / e.Values[0] : double.PositiveInfinity;
    }
}
