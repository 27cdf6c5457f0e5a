namespace Tango.Mahalanobis.Numerics;

/// <summary>
/// Ledoit–Wolf shrinkage of a covariance estimate towards μI, μ = trace(S)/d (Ledoit and Wolf 2004, "A
/// well-conditioned estimator for large-dimensional covariance matrices", J. Multivariate Anal. 88, Lemma 3.2 /
/// scikit-learn's <c>ledoit_wolf_shrinkage</c>): intensity = min(b², d²)/d² with d² = ‖S - μI‖²_F and
/// b² = (1/m²) Σ_k ‖x_k x_kᵀ - S‖²_F over the m centred samples.
/// </summary>
internal static class LedoitWolf
{
    // centered: (m, d) samples, s: (d, d) their covariance (divided by m) -> intensity in [0, 1]
    public static double Intensity(ReadOnlySpan<double> centered, int m, int d, ReadOnlySpan<double> s)
    {
        double mu = 0;
        for (int i = 0; i < d; i++)
        {
            mu += s[i * d + i];
        }

        mu /= d;
        double delta = 0;
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                double v = s[i * d + j] - (i == j ? mu : 0);
                delta += v * v;
            }
        }

        // Σ_k ‖x_k x_kᵀ - S‖² = Σ_k ‖x_k‖⁴ - 2 Σ_k x_kᵀ S x_k + m ‖S‖²
        double beta = 0, sNorm2 = 0;
        foreach (double v in s)
        {
            sNorm2 += v * v;
        }

        for (int k = 0; k < m; k++)
        {
            var x = centered.Slice(k * d, d);
            double norm2 = Dense.Dot(x, x), quad = 0;
            for (int i = 0; i < d; i++)
            {
                quad += x[i] * Dense.Dot(s.Slice(i * d, d), x);
            }

            beta += norm2 * norm2 - 2 * quad;
        }

        beta = (beta + m * sNorm2) / ((double)m * m);
        return delta == 0 ? 1 : Math.Clamp(Math.Min(beta, delta) / delta, 0, 1);
    }

    // (1 - t)·S + t·μI
    public static double[] Shrink(ReadOnlySpan<double> s, int d, double t)
    {
        double mu = 0;
        for (int i = 0; i < d; i++)
        {
            mu += s[i * d + i];
        }

        mu /= d;
        var r = new double[d * d];
        for (int i = 0; i < d * d; i++)
        {
            r[i] = (1 - t) * s[i];
        }

        for (int i = 0; i < d; i++)
        {
            r[i * d + i] += t * mu;
        }

        return r;
    }
}
