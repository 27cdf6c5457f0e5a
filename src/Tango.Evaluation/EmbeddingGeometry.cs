using Tango.Core;
using Tango.Core.Kernels;
using Tango.Core.Linalg;

namespace Tango.Evaluation;

/// <summary>
/// Label-free measures of an embedding space's geometry.
/// <list type="bullet">
/// <item>Alignment (Wang &amp; Isola 2020, "Understanding Contrastive Representation Learning through Alignment
/// and Uniformity on the Hypersphere", eq. 4): L_align = E_(x,y)~pos ‖f(x) − f(y)‖₂^α, α = 2 by default; lower
/// means positives sit closer.</item>
/// <item>Uniformity (same paper, eq. 5): L_uniform = log E_(x,y) exp(−t ‖f(x) − f(y)‖₂²) over distinct pairs,
/// t = 2 by default; lower (more negative) means the points spread more evenly. Both assume unit-norm rows,
/// as in the paper; they are computed on the rows as given.</item>
/// <item>RankMe (Garrido et al. 2023, "RankMe: Assessing the Downstream Performance of Pretrained
/// Self-Supervised Representations by Their Rank", eq. 1): exp(−Σ_k p_k ln p_k), p_k = σ_k / ‖σ‖₁ + ε with the
/// singular values σ of the embedding matrix and ε = 1e-7; the smooth effective rank of Roy &amp; Vetterli
/// (2007). A collapsed space has RankMe near 1, a full one near min(n, d).</item>
/// <item>Spectral entropy: −Σ_k q_k ln q_k, q_k = λ_k / Σλ, over the eigenvalues of the embeddings' covariance —
/// the entropy of the explained-variance distribution, whose decay exposes dimensional collapse (Jing et al.
/// 2022, "Understanding Dimensional Collapse in Contrastive Self-supervised Learning", which plots this
/// spectrum). ln d for an isotropic space, 0 for a one-dimensional one.</item>
/// </list>
/// The spectra come from the d×d Gram and covariance matrices accumulated in double and Tango's Jacobi
/// eigen-solver (σ_k = √λ_k(ZᵀZ)).
/// </summary>
public static class EmbeddingGeometry
{
    /// <summary>ε of RankMe's normalised singular values, as in the paper.</summary>
    public const double RankMeEpsilon = 1e-7;

    /// <summary>Mean of ‖x_i − y_i‖₂^α over the rows of two (n, d) matrices of positive pairs.</summary>
    public static double Alignment(Tensor x, Tensor y, double alpha = 2)
    {
        var d = PairwiseSimilarity.Compute(SimilarityFunction.Euclidean, x, y, "Alignment");
        return d.Length == 0 ? double.NaN : d.Average(v => Math.Pow(-v, alpha));
    }

    /// <summary>log of the mean of exp(−t‖x_i − x_j‖²) over the n(n − 1)/2 distinct pairs of the rows of x.</summary>
    public static double Uniformity(Tensor x, double t = 2)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 2 || x.Dim(0) < 2)
        {
            throw new ArgumentException($"Uniformity: need (n, d) embeddings with n ≥ 2; got {x.ShapeString}.");
        }

        int n = x.Dim(0), d = x.Dim(1);
        var z = x.Span;
        var norms = new float[n];
        for (int i = 0; i < n; i++)
        {
            norms[i] = System.Numerics.Tensors.TensorPrimitives.SumOfSquares(z.Slice(i * d, d));
        }

        // log Σ exp(v) with a running maximum: v = −t·d² ≤ 0 can underflow for spread-out points.
        double max = double.NegativeInfinity, sum = 0;
        const int block = 256;
        var dots = new float[block * n];
        for (int i0 = 0; i0 < n; i0 += block)
        {
            int rows = Math.Min(block, n - i0);
            Gemm.Sgemm(false, true, rows, n, d, 1f, z[(i0 * d)..], d, z, d, 0f, dots, n);
            for (int r = 0; r < rows; r++)
            {
                int i = i0 + r;
                for (int j = i + 1; j < n; j++)
                {
                    double d2 = Math.Max(0.0, (double)norms[i] + norms[j] - 2.0 * dots[r * n + j]);
                    double v = -t * d2;
                    if (v > max)
                    {
                        sum = sum * Math.Exp(max - v) + 1;
                        max = v;
                    }
                    else
                    {
                        sum += Math.Exp(v - max);
                    }
                }
            }
        }

        return max + Math.Log(sum) - Math.Log(n * (n - 1.0) / 2);
    }

    /// <summary>Singular values, covariance eigenvalues, RankMe and spectral entropy of (n, d) embeddings.</summary>
    public static EmbeddingSpectrum Spectrum(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 2 || x.Dim(0) < 2)
        {
            throw new ArgumentException($"Spectrum: need (n, d) embeddings with n ≥ 2; got {x.ShapeString}.");
        }

        int n = x.Dim(0), d = x.Dim(1);
        var z = x.Span;
        var mean = new double[d];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                mean[j] += z[i * d + j];
            }
        }

        for (int j = 0; j < d; j++)
        {
            mean[j] /= n;
        }

        var gram = Gram(z, n, d, new double[d]);
        var covariance = Gram(z, n, d, mean);
        for (int i = 0; i < covariance.Length; i++)
        {
            covariance[i] /= n - 1;
        }

        var sigma = SymmetricEigen.Decompose(gram, d).Values.Take(Math.Min(n, d))
            .Select(l => Math.Sqrt(Math.Max(l, 0))).ToArray();
        var lambda = SymmetricEigen.Decompose(covariance, d).Values.Select(l => Math.Max(l, 0)).ToArray();
        return new EmbeddingSpectrum(sigma, lambda, Math.Exp(Entropy(sigma, RankMeEpsilon)), Entropy(lambda, 0));
    }

    // z: (n, d), mean: (d) -> Σ_i (z_i − mean)(z_i − mean)ᵀ: (d, d) in double
    private static double[] Gram(ReadOnlySpan<float> z, int n, int d, double[] mean)
    {
        var g = new double[d * d];
        var row = new double[d];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                row[j] = z[i * d + j] - mean[j];
            }

            for (int a = 0; a < d; a++)
            {
                double ra = row[a];
                var ga = g.AsSpan(a * d, d);
                for (int b = a; b < d; b++)
                {
                    ga[b] += ra * row[b];
                }
            }
        }

        return g;
    }

    // −Σ p ln p with p_k = v_k / Σv + eps; zero terms (p = 0) contribute nothing.
    private static double Entropy(double[] values, double eps)
    {
        double total = values.Sum(), h = 0;
        if (total <= 0)
        {
            return 0;
        }

        foreach (double v in values)
        {
            double p = v / total + eps;
            h -= p > 0 ? p * Math.Log(p) : 0;
        }

        return h;
    }
}
