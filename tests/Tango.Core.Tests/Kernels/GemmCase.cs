using Tango.Core.Kernels;
using Tango.TestKit;

namespace Tango.Core.Tests.Kernels;

/// <summary>
/// One SGEMM case checked against <see cref="GemmReference"/>: seeded operands laid out as strided views
/// (row padding, unaligned start offsets) inside larger arrays whose other elements must stay untouched.
/// </summary>
internal static class GemmCase
{
    /// <summary>Runs the fast SGEMM and the reference on the same inputs and compares every element.</summary>
    public static void Check(bool transA, bool transB, int m, int n, int k, float alpha = 1f, float beta = 0f,
        GemmPath path = GemmPath.Auto, int threads = 1, bool? direct = null, int pad = 0, int offset = 0,
        int[]? sampleRows = null)
    {
        var (a, lda) = Operand(11, transA ? k : m, transA ? m : k, pad, offset);
        var (b, ldb) = Operand(22, transB ? n : k, transB ? k : n, pad, offset);
        var (c, ldc) = Operand(33, m, n, pad, offset);
        if (beta == 0f)
        {
            c.AsSpan().Fill(float.NaN);  // beta = 0 must not read C
        }

        var expected = (float[])c.Clone();
        Gemm.Sgemm(transA, transB, m, n, k, alpha, a.AsSpan(offset), lda, b.AsSpan(offset), ldb, beta,
            c.AsSpan(offset), ldc, path, threads, direct);
        string what = $"{(transA ? "T" : "N")}{(transB ? "T" : "N")} m={m} n={n} k={k} alpha={alpha} " +
                      $"beta={beta} {path} threads={threads} direct={direct} pad={pad} offset={offset}";
        double atol = Tolerance(k, alpha, beta);
        if (sampleRows is null)
        {
            GemmReference.Sgemm(transA, transB, m, n, k, alpha, a.AsSpan(offset), lda, b.AsSpan(offset), ldb, beta,
                expected.AsSpan(offset), ldc);
            Compare(expected, c, atol, what);
            return;
        }

        // Large cases: the reference only for the sampled rows (a 1-row view of op(A) and C each).
        foreach (int i in sampleRows)
        {
            int aRow = offset + (transA ? i : i * lda), cRow = offset + i * ldc;
            GemmReference.Sgemm(transA, transB, 1, n, k, alpha, a.AsSpan(aRow), lda, b.AsSpan(offset), ldb, beta,
                expected.AsSpan(cRow), ldc);
            Compare(expected.AsSpan(cRow, n), c.AsSpan(cRow, n), atol, $"{what} row {i}");
        }
    }

    /// <summary>The fast SGEMM's result on seeded dense operands (for bit-for-bit comparisons between runs).</summary>
    public static float[] Run(bool transA, bool transB, int m, int n, int k, int threads)
    {
        var a = SeededCases.Uniform(11, m * k);
        var b = SeededCases.Uniform(22, k * n);
        var c = new float[m * n];
        Gemm.Sgemm(transA, transB, m, n, k, 1f, a, transA ? m : k, b, transB ? k : n, 0f, c, n,
            GemmPath.Auto, threads, direct: false);
        return c;
    }

    // Operands are uniform in [-1, 1): a sum of k products has magnitude ~sqrt(k)/3, and float rounding grows
    // like sqrt(k) times that; the factor leaves a wide margin that still catches any indexing error.
    private static double Tolerance(int k, float alpha, float beta) =>
        2e-6 * Math.Sqrt(k + 1) * (Math.Abs(alpha) * Math.Sqrt(k + 1) + Math.Abs(beta));

    // rows × cols at row stride cols + pad, starting at offset, inside a larger seeded array.
    private static (float[] Data, int Ld) Operand(ulong seed, int rows, int cols, int pad, int offset)
    {
        int ld = cols + pad;
        int extent = rows == 0 || cols == 0 ? 0 : (rows - 1) * ld + cols;
        return (SeededCases.Uniform(seed, offset + extent + pad + 2), Math.Max(ld, 1));
    }

    private static void Compare(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double atol, string what)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = actual[i];
            bool same = double.IsNaN(e) ? double.IsNaN(a) : Math.Abs(a - e) <= atol + 1e-5 * Math.Abs(e);
            if (!same)
            {
                Assert.Fail($"{what}: C[{i}] expected {e:G9}, got {a:G9} (atol {atol:G3}).");
            }
        }
    }
}
