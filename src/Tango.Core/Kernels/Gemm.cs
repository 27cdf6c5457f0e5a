using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Tango.Core.Kernels;

/// <summary>
/// Single-precision GEMM: C = alpha·op(A)·op(B) + beta·C, row-major, any transpose combination
/// (conventions as <see cref="GemmReference"/>). beta = 0 overwrites C (NaNs in C are not propagated).
/// Large products run a packed, cache-blocked, register-tiled kernel on up to <see cref="MaxThreads"/> threads;
/// results are bit-identical for any thread count.
/// </summary>
public static class Gemm
{
    // Below this many multiply-adds (64³) packing and threading cost more than they save.
    private const long DirectMaxWork = 64 * 64 * 64;

    // Floats of B a skinny direct product may transpose into scratch (4 MiB).
    private const long DirectMaxScratch = 1 << 20;

    // Below this many multiply-adds a second thread does not pay for its start-up.
    private const long ParallelMinWork = 128 * 128 * 128;

    private static int _maxThreads = Environment.ProcessorCount;

    /// <summary>Upper bound on the threads one call uses (default: the processor count).</summary>
    public static int MaxThreads
    {
        get => Volatile.Read(ref _maxThreads);
        set => Volatile.Write(ref _maxThreads, value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Gemm.MaxThreads must be at least 1."));
    }

    /// <summary>See the type's summary.</summary>
    public static void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc) =>
        Sgemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, GemmPath.Auto, MaxThreads, null);

    /// <summary>
    /// <see cref="Sgemm(bool, bool, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int,
    /// float, Span{float}, int)"/> with the kernel, the thread count and the direct/blocked choice forced (tests,
    /// benchmarks); <paramref name="direct"/> = null picks by problem size.
    /// </summary>
    internal static unsafe void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc,
        GemmPath path, int threads, bool? direct)
    {
        Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0)
        {
            return;
        }

        fixed (float* pa = a, pb = b, pc = c)
        {
            var g = new GemmArgs(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
            if (k == 0 || alpha == 0f)
            {
                ScaleC(g);
                return;
            }

            path = path == GemmPath.Auto ? BestPath() : path;
            long work = (long)m * n * k;
            if (direct ?? PreferDirect(m, n, k))
            {
                GemmDirect.Run(g, vectorize: path != GemmPath.Scalar && Vector.IsHardwareAccelerated);
                return;
            }

            RunBlocked(g, path, work < ParallelMinWork ? 1 : threads);
        }
    }

    // Small products, and skinny ones where most of a 12×32 register tile would be zero padding; the k·n bound
    // caps the scratch a transposed B needs.
    private static bool PreferDirect(int m, int n, int k) =>
        (long)m * n * k < DirectMaxWork || ((n <= 16 || m <= 2) && (long)k * n <= DirectMaxScratch);

    /// <summary>The widest kernel the hardware runs natively.</summary>
    // Vector512.IsHardwareAccelerated is false where the runtime prefers 256-bit vectors (Skylake-X/Cascade Lake,
    // for clock-speed reasons), yet Vector512 code still compiles to AVX-512 there; on a Cascade Lake Xeon the
    // 12×32 AVX-512 kernel runs about twice as fast as the 6×16 AVX2 one, so AVX-512F alone decides.
    internal static GemmPath BestPath() =>
        Avx512F.IsSupported || Vector512.IsHardwareAccelerated ? GemmPath.Vector512
        : Vector256.IsHardwareAccelerated ? GemmPath.Vector256
        : Vector128.IsHardwareAccelerated ? GemmPath.Vector128
        : GemmPath.Scalar;

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

    private static void RunBlocked(in GemmArgs g, GemmPath path, int threads)
    {
        switch (path)
        {
            case GemmPath.Vector512:
                GemmBlocked.Run<GemmKernel512>(g, threads);
                break;
            case GemmPath.Vector256:
                GemmBlocked.Run<GemmKernel256>(g, threads);
                break;
            case GemmPath.Vector128:
                GemmBlocked.Run<GemmKernel128>(g, threads);
                break;
            default:
                GemmBlocked.Run<GemmKernelScalar>(g, threads);
                break;
        }
    }

    // C = beta·C when the product vanishes (k = 0 or alpha = 0); beta = 0 clears C without reading it.
    private static unsafe void ScaleC(in GemmArgs g)
    {
        for (int i = 0; i < g.M; i++)
        {
            var row = new Span<float>(g.C + i * g.Ldc, g.N);
            if (g.Beta == 0f)
            {
                row.Clear();
            }
            else if (g.Beta != 1f)
            {
                TensorPrimitives.Multiply(row, g.Beta, row);
            }
        }
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
            throw new ArgumentException($"Sgemm: {name} needs {(long)(rows - 1) * ld + cols} elements for " +
                                        $"({rows}, {cols}) with stride {ld}; its span has {length}.");
        }
    }
}
