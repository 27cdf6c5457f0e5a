namespace Tango.Core.Kernels;

/// <summary>One validated SGEMM call: pointers into pinned spans plus extents, strides and scalars.</summary>
// a: op(A) (m, k), b: op(B) (k, n) -> c: (m, n); A stored (k, m) when TransA, B stored (n, k) when TransB
internal readonly unsafe struct GemmArgs(bool transA, bool transB, int m, int n, int k, float alpha,
    float* a, nint lda, float* b, nint ldb, float beta, float* c, nint ldc)
{
    public readonly bool TransA = transA, TransB = transB;
    public readonly int M = m, N = n, K = k;
    public readonly float Alpha = alpha, Beta = beta;
    public readonly float* A = a, B = b, C = c;
    public readonly nint Lda = lda, Ldb = ldb, Ldc = ldc;

    /// <summary>Address of op(A)[i, p].</summary>
    public float* AAt(int i, int p) => TransA ? A + p * Lda + i : A + i * Lda + p;

    /// <summary>Address of op(B)[p, j].</summary>
    public float* BAt(int p, int j) => TransB ? B + j * Ldb + p : B + p * Ldb + j;
}
