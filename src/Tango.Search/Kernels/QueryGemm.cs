using Tango.Core.Kernels;

namespace Tango.Search.Kernels;

/// <summary>
/// The one place the indexes take dot products: the shared SGEMM, C = Q·Xᵀ. The searches already split their
/// work over threads, so their tiles ask the GEMM for one thread; a lone large product may use all of them.
/// </summary>
internal static class QueryGemm
{
    // q: (m, d) row stride d, x: (n, d) row stride d -> c: (m, n) row stride ldc
    public static void Multiply(ReadOnlySpan<float> q, int m, ReadOnlySpan<float> x, int n, int d, Span<float> c,
        int ldc, bool parallel = false) =>
        Gemm.Sgemm(false, true, m, n, d, 1f, q, d, x, d, 0f, c, ldc, GemmPath.Auto,
            parallel ? Gemm.MaxThreads : 1, null);
}
