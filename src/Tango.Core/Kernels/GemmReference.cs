namespace Tango.Core.Kernels;

/// <summary>
/// The naive SGEMM, kept beside the fast one as its oracle: C = alpha·op(A)·op(B) + beta·C with double
/// accumulation. op(A) is (m, k); A is stored row-major as (m, k) or, when transposed, (k, m), with row
/// stride lda (likewise B and ldb; C is (m, n) with row stride ldc).
/// </summary>
public static class GemmReference
{
    /// <summary>See the type's summary.</summary>
    public static void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                {
                    float av = transA ? a[p * lda + i] : a[i * lda + p];
                    float bv = transB ? b[j * ldb + p] : b[p * ldb + j];
                    sum += (double)av * bv;
                }

                float prior = beta == 0 ? 0f : beta * c[i * ldc + j];
                c[i * ldc + j] = (float)(alpha * sum) + prior;
            }
        }
    }
}
