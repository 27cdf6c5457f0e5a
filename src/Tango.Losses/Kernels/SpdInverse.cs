using Tango.Core;
using Tango.Core.Kernels;

namespace Tango.Losses.Kernels;

/// <summary>
/// The inverse of a symmetric positive definite matrix through its Cholesky factor, A = L·Lᵀ, A⁻¹ = L⁻ᵀ·L⁻¹, all
/// blocked so the O(n³) work runs in <see cref="Gemm.Sgemm"/>: right-looking Cholesky (unblocked diagonal blocks
/// in double, trailing updates by GEMM), then the triangular inverse Y = L⁻¹ block row by block row
/// (Y_ij = −Y_ii·Σ_t L_it·Y_tj), then Yᵀ·Y. About 1.7·n³ multiply-adds; float32 is ample for the well-conditioned
/// matrices it serves (ManifoldLoss's I − α·S̄ has eigenvalues in [1 − α, 1 + α]).
/// </summary>
internal static class SpdInverse
{
    private const int Block = 64;

    /// <summary>A⁻¹ as a differentiable op; backward ∂A = −A⁻ᵀ·G·A⁻ᵀ (= −A⁻¹·G·A⁻¹, A symmetric).</summary>
    // a: (n, n) symmetric positive definite -> (n, n)
    public static Tensor Invert(Tensor a)
    {
        int n = a.Dim(0);
        var inv = Tensor.Uninitialized([n, n]);
        a.Span.CopyTo(inv.Span);
        Invert(inv.Buffer, n);
        return inv.Record("SpdInverse", [a], g =>
        {
            var t = new float[n * n];
            var d = Tensor.Uninitialized([n, n]);
            Gemm.Sgemm(false, false, n, n, n, 1f, inv.Buffer, n, g.Buffer, n, 0f, t, n);
            Gemm.Sgemm(false, false, n, n, n, -1f, t, n, inv.Buffer, n, 0f, d.Buffer, n);
            a.AccumulateGrad(d);
        });
    }

    /// <summary>Replaces the row-major (n, n) SPD matrix <paramref name="a"/> by its inverse.</summary>
    public static void Invert(float[] a, int n)
    {
        Factor(a, n);
        var y = LowerInverse(a, n);
        Gemm.Sgemm(true, false, n, n, n, 1f, y, n, y, n, 0f, a, n);
    }

    // In place: the lower triangle of a becomes L (the upper triangle is left as garbage).
    private static void Factor(float[] a, int n)
    {
        for (int k = 0; k < n; k += Block)
        {
            int b = Math.Min(Block, n - k), rest = n - k - b;
            FactorDiagonal(a, n, k, b);
            if (rest == 0)
            {
                break;
            }

            // Panel: L21 = A21·L11⁻ᵀ by forward substitution per row, copied out for the trailing GEMM.
            var panel = new float[rest * b];
            for (int i = 0; i < rest; i++)
            {
                int row = (k + b + i) * n + k;
                for (int j = 0; j < b; j++)
                {
                    double s = a[row + j];
                    for (int p = 0; p < j; p++)
                    {
                        s -= (double)a[row + p] * a[(k + j) * n + k + p];
                    }

                    a[row + j] = (float)(s / a[(k + j) * n + k + j]);
                    panel[i * b + j] = a[row + j];
                }
            }

            // Trailing update A22 −= L21·L21ᵀ (the full block; only its lower triangle is used later).
            int start = (k + b) * n + k + b;
            Gemm.Sgemm(false, true, rest, rest, b, -1f, panel, b, panel, b, 1f, a.AsSpan(start), n);
        }
    }

    private static void FactorDiagonal(float[] a, int n, int k, int b)
    {
        for (int j = 0; j < b; j++)
        {
            int rj = (k + j) * n + k;
            double diag = a[rj + j];
            for (int p = 0; p < j; p++)
            {
                diag -= (double)a[rj + p] * a[rj + p];
            }

            if (!(diag > 0))
            {
                throw new ArithmeticException(
                    $"SpdInverse: the matrix is not positive definite (pivot {k + j} is {diag:G3}).");
            }

            double l = Math.Sqrt(diag);
            a[rj + j] = (float)l;
            for (int i = j + 1; i < b; i++)
            {
                int ri = (k + i) * n + k;
                double s = a[ri + j];
                for (int p = 0; p < j; p++)
                {
                    s -= (double)a[ri + p] * a[rj + p];
                }

                a[ri + j] = (float)(s / l);
            }
        }
    }

    // Y = L⁻¹ (lower triangular, zeros above), block row by block row.
    private static float[] LowerInverse(float[] l, int n)
    {
        var y = new float[n * n];
        for (int k = 0; k < n; k += Block)
        {
            int b = Math.Min(Block, n - k);
            var yd = DiagonalInverse(l, n, k, b);
            for (int i = 0; i < b; i++)
            {
                Array.Copy(yd, i * b, y, (k + i) * n + k, b);
            }

            if (k == 0)
            {
                continue;
            }

            // Y[k.., 0..k) = −Y_kk·(L[k.., 0..k)·Y[0..k, 0..k)).
            var t = new float[b * k];
            Gemm.Sgemm(false, false, b, k, k, 1f, l.AsSpan(k * n), n, y, n, 0f, t, k);
            Gemm.Sgemm(false, false, b, k, b, -1f, yd, b, t, k, 0f, y.AsSpan(k * n), n);
        }

        return y;
    }

    // The inverse of the lower-triangular diagonal block L[k..k+b, k..k+b], as a dense (b, b) array.
    private static float[] DiagonalInverse(float[] l, int n, int k, int b)
    {
        var inv = new float[b * b];
        for (int j = 0; j < b; j++)
        {
            inv[j * b + j] = 1f / l[(k + j) * n + k + j];
            for (int i = j + 1; i < b; i++)
            {
                double s = 0;
                for (int p = j; p < i; p++)
                {
                    s += (double)l[(k + i) * n + k + p] * inv[p * b + j];
                }

                inv[i * b + j] = (float)(-s / l[(k + i) * n + k + i]);
            }
        }

        return inv;
    }
}
