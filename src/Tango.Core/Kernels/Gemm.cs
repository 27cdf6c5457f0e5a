namespace Tango.Core.Kernels;

/// <summary>
/// Single-precision GEMM: C = alpha·op(A)·op(B) + beta·C, row-major, any transpose combination
/// (conventions as <see cref="GemmReference"/>). beta = 0 overwrites C (NaNs in C are not propagated).
/// </summary>
public static class Gemm
{
    /// <summary>See the type's summary.</summary>
    public static void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        GemmReference.Sgemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /// <summary>Throws if the spans are too short for the given extents and strides.</summary>
    internal static void Validate(bool transA, bool transB, int m, int n, int k,
        int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        if (m < 0 || n < 0 || k < 0)
        {
            throw new ArgumentException($"Sgemm: negative extent (m={m}, n={n}, k={k}).");
        }

        Check("A", transA ? k : m, transA ? m : k, aLength, lda);
        Check("B", transB ? n : k, transB ? k : n, bLength, ldb);
        Check("C", m, n, cLength, ldc);
    }

    private static void Check(string name, int rows, int cols, int length, int ld)
    {
        if (rows == 0 || cols == 0)
        {
            return;
        }

        if (ld < cols)
        {
            throw new ArgumentException($"Sgemm: leading dimension of {name} is {ld}, less than its {cols} columns.");
        }

        if ((long)(rows - 1) * ld + cols > length)
        {
            throw new ArgumentException($"Sgemm: {name} needs {(long)(rows - 1) * ld + cols} elements for ({rows}, {cols}) " +
                                        $"with stride {ld}; its span has {length}.");
        }
    }
}
