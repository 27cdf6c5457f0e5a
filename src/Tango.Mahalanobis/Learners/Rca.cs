using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis;

/// <summary>
/// Relevant Components Analysis (Bar-Hillel, Hertz, Shental and Weinshall 2005, JMLR 6): whiten the data by the
/// within-chunklet covariance C, L = C^{-1/2} (metric-learn's <c>RCA</c>). With fewer components than features,
/// the directions come from the generalized problem C v = λ Σ v (Σ the total covariance of the chunked points),
/// smallest λ first. Tango differs where metric-learn returns NaN: a singular C (too few chunk degrees of freedom,
/// constant features) is shrunk towards a scaled identity by the Ledoit–Wolf (2004) estimate, unless a fixed
/// <see cref="Shrinkage"/> is given.
/// </summary>
public sealed class Rca : MahalanobisLearner
{
    /// <summary>Creates the learner.</summary>
    /// <param name="components">Output dimension; null for all features.</param>
    /// <param name="shrinkage">
    /// Weight s in [0, 1] of (1 - s)·C + s·(trace(C)/d)·I; null (default) means none when C is positive definite and
    /// the Ledoit–Wolf estimate when it is singular.
    /// </param>
    public Rca(int? components = null, double? shrinkage = null)
    {
        if (shrinkage is not null && !(shrinkage >= 0 && shrinkage <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(shrinkage), $"Rca: shrinkage = {shrinkage} must be in [0, 1].");
        }

        RequestedComponents = components;
        Shrinkage = shrinkage;
    }

    /// <summary>Requested output dimension (null: all features).</summary>
    public int? RequestedComponents { get; }

    /// <summary>Fixed shrinkage of the within-chunklet covariance, or null for automatic.</summary>
    public double? Shrinkage { get; }

    /// <summary>The shrinkage actually applied by the last fit (0 when none was needed).</summary>
    public double AppliedShrinkage { get; private set; }

    /// <summary>Fits on the rows of x grouped into chunklets.</summary>
    public void Fit(double[,] x, Chunks chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var flat = Input.Features(x, Name, 2);
        if (chunks.Length != x.GetLength(0))
        {
            throw new ArgumentException(
                $"Rca: chunks cover {chunks.Length} rows but x has {x.GetLength(0)}; give one chunk id per row.",
                nameof(chunks));
        }

        FitChunks(flat, x.GetLength(0), x.GetLength(1), chunks);
    }

    internal void FitChunks(double[] x, int n, int d, Chunks chunks)
    {
        int dim = Input.ComponentCount(RequestedComponents, d, Name);
        var (rows, centered) = CenterChunks(x, d, chunks);
        if (rows.Length < 2)
        {
            throw new ArgumentException("Rca: fewer than two rows are in chunks; give chunks of two or more rows.");
        }

        var inner = Dense.Covariance(centered, rows.Length, d, ddof: 0);
        inner = Regularize(inner, centered, rows.Length, d);
        double[] l;
        if (dim < d)
        {
            var total = Dense.Covariance(Dense.Rows(x, d, rows), rows.Length, d, ddof: 1);
            var a = SmallestRatioDirections(inner, total, d, dim);
            var innerA = Dense.MatMul(Dense.TransposeMatMul(a, d, dim, inner, d), dim, d, a, dim);
            l = Dense.MatMul(InverseSqrt(innerA, dim), dim, dim, Dense.Transpose(a, d, dim), d);
        }
        else
        {
            l = InverseSqrt(inner, d);
        }

        SetComponents(l, dim, d);
    }

    // Chunked rows, each centred on its chunk mean: -> (rows, (m, d))
    private static (int[] Rows, double[] Centered) CenterChunks(double[] x, int d, Chunks chunks)
    {
        var ids = chunks.Assignment;
        var rows = Enumerable.Range(0, ids.Length).Where(i => ids[i] >= 0).ToArray();
        var means = new double[chunks.Count * d];
        var counts = new int[chunks.Count];
        foreach (int r in rows)
        {
            counts[ids[r]]++;
            for (int t = 0; t < d; t++)
            {
                means[ids[r] * d + t] += x[r * d + t];
            }
        }

        var centered = Dense.Rows(x, d, rows);
        for (int i = 0; i < rows.Length; i++)
        {
            int c = ids[rows[i]];
            for (int t = 0; t < d; t++)
            {
                centered[i * d + t] -= means[c * d + t] / counts[c];
            }
        }

        return (rows, centered);
    }

    private double[] Regularize(double[] inner, double[] centered, int m, int d)
    {
        AppliedShrinkage = Shrinkage ?? 0;
        if (Shrinkage is null)
        {
            var (w, _) = Linalg.SymmetricEigen(inner, d);
            bool definite = w[0] > w[^1] * d * Linalg.MachineEpsilon;
            AppliedShrinkage = definite ? 0 : LedoitWolf.Intensity(centered, m, d, inner);
        }

        return LedoitWolf.Shrink(inner, d, AppliedShrinkage);
    }

    // Columns: a basis of the span of the dim generalized eigenvectors of C v = λ Σ v with smallest λ, from the
    // symmetric problem Σ^{+1/2} C Σ^{+1/2} (no complex eigenvalues, unlike eig on lstsq(Σ, C)). -> (d, dim)
    private static double[] SmallestRatioDirections(double[] inner, double[] total, int d, int dim)
    {
        var (tw, tv) = Linalg.SymmetricEigen(total, d);
        double tol = tw[^1] * d * Linalg.MachineEpsilon;
        var tInvSqrt = Linalg.Reconstruct(tw, tv, d, v => v > tol ? 1 / Math.Sqrt(v) : 0);
        var s = Dense.MatMul(Dense.MatMul(tInvSqrt, d, d, inner, d), d, d, tInvSqrt, d);
        Dense.Symmetrize(s, d);
        var (_, u) = Linalg.SymmetricEigen(s, d);
        var first = new double[d * dim];
        for (int r = 0; r < d; r++)
        {
            Array.Copy(u, r * d, first, r * dim, dim);
        }

        return Dense.MatMul(tInvSqrt, d, d, first, dim);
    }

    // Symmetric inverse square root V diag(w^{-1/2}) Vᵀ of a positive definite matrix.
    private static double[] InverseSqrt(double[] a, int d)
    {
        var (w, v) = Linalg.SymmetricEigen(a, d);
        if (!(w[0] > 0))
        {
            throw new InvalidOperationException(
                $"Rca: the within-chunklet covariance is singular (smallest eigenvalue {w[0]:G3}); use more or " +
                "larger chunks, set shrinkage, or reduce the dimension (fewer components).");
        }

        return Linalg.Reconstruct(w, v, d, x => 1 / Math.Sqrt(x));
    }
}
