using MathNet.Numerics.LinearAlgebra;
using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis;

/// <summary>
/// Local Fisher Discriminant Analysis (Sugiyama 2007, JMLR 8): the generalized eigenvectors of the local
/// between-class scatter S_b against the local within-class scatter S_w, where pairs are weighted by the
/// local-scaling affinity A_ij = exp(-|x_i - x_j|² / (σ_i σ_j)), σ_i the distance to the k-th neighbour in class.
/// Parameters and defaults follow metric-learn's <c>LFDA</c>. Tango differs where metric-learn returns NaN or
/// complex numbers: a singular S_w (constant or dependent features) gets a ridge of 1e-8·trace(S_w)/d, and in the
/// weighted embedding negative eigenvalues (S_b is indefinite) are clipped to 0, so those directions get weight 0.
/// </summary>
public sealed class Lfda : SupervisedMahalanobisLearner
{
    /// <summary>Creates the learner.</summary>
    /// <param name="components">Output dimension; null for all features.</param>
    /// <param name="k">Neighbour used for the local scale σ; null for min(7, d - 1).</param>
    /// <param name="embedding">Eigenvector scaling.</param>
    public Lfda(int? components = null, int? k = null, LfdaEmbedding embedding = LfdaEmbedding.Weighted)
    {
        if (k is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"Lfda: k = {k} must be ≥ 1.");
        }

        if (!Enum.IsDefined(embedding))
        {
            throw new ArgumentOutOfRangeException(nameof(embedding), $"Lfda: unknown embedding {embedding}.");
        }

        RequestedComponents = components;
        K = k;
        Embedding = embedding;
    }

    /// <summary>Requested output dimension (null: all features).</summary>
    public int? RequestedComponents { get; }

    /// <summary>Neighbour rank for the local scale (null: min(7, d - 1)).</summary>
    public int? K { get; }

    /// <summary>Eigenvector scaling.</summary>
    public LfdaEmbedding Embedding { get; }

    /// <summary>Tests only: per-class local scales replacing the computed ones.</summary>
    internal double[][]? LocalScalesOverride { get; set; }

    internal override void FitLabels(double[] x, int n, int d, int[] labels)
    {
        int dim = Input.ComponentCount(RequestedComponents, d, Name);
        int k = K is null ? Math.Min(7, d - 1) : Math.Min(K.Value, d - 1);
        var (sb, sw) = LfdaScatter.Compute(x, n, d, labels, Math.Max(k, 0), LocalScalesOverride);
        var eig = Linalg.GeneralizedSymmetricEigen(sb, sw, d);
        if (eig is null)
        {
            double ridge = 1e-8 * Math.Max(Trace(sw, d) / d, double.Epsilon);
            for (int i = 0; i < d; i++)
            {
                sw[i * d + i] += ridge;
            }

            eig = Linalg.GeneralizedSymmetricEigen(sb, sw, d) ?? throw new InvalidOperationException(
                "Lfda: the local within-class scatter is not positive definite even after a ridge; remove constant " +
                "features or reduce the dimension first.");
        }

        var (w, v) = eig.Value;
        var l = new double[dim * d];
        for (int r = 0; r < dim; r++)
        {
            int col = d - 1 - r; // eigenvalues ascending: take the largest first
            double scale = Embedding == LfdaEmbedding.Weighted ? Math.Sqrt(Math.Max(w[col], 0)) : 1;
            for (int j = 0; j < d; j++)
            {
                l[r * d + j] = v[j * d + col] * scale;
            }
        }

        if (Embedding == LfdaEmbedding.Orthonormalized)
        {
            l = Orthonormalize(l, dim, d);
        }

        SetComponents(l, dim, d);
    }

    private static double Trace(double[] a, int d)
    {
        double t = 0;
        for (int i = 0; i < d; i++)
        {
            t += a[i * d + i];
        }

        return t;
    }

    // Rows of l: (dim, d) -> an orthonormal basis of their span, as rows (thin QR of lᵀ).
    private static double[] Orthonormalize(double[] l, int dim, int d)
    {
        var q = Matrix<double>.Build.Dense(d, dim, l).QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin).Q;
        var rows = new double[dim * d];
        for (int r = 0; r < dim; r++)
        {
            for (int j = 0; j < d; j++)
            {
                rows[r * d + j] = q[j, r];
            }
        }

        return rows;
    }
}
