using System.Runtime.InteropServices;

namespace Tango.Benchmarks;

/// <summary>
/// OpenBLAS's cblas_sgemm for side-by-side measurements, bound at run time: benchmarks that compare against it
/// skip it when libopenblas is not installed. Only the benchmark project references native code.
/// </summary>
internal static unsafe class OpenBlas
{
    private const int RowMajor = 101, NoTrans = 111, Trans = 112;

    private static readonly string[] Candidates =
    [
        "libopenblas.so.0",
        "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0",
        "/usr/lib/x86_64-linux-gnu/libopenblas.so.0",
        "libopenblas.dylib",
        "libopenblas.dll",
    ];

    private static readonly nint Handle = Load();

    private static readonly delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float,
        float*, int, void> SgemmFn = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*,
        int, float, float*, int, void>)Export("cblas_sgemm");

    private static readonly delegate* unmanaged<int, void> SetThreadsFn =
        (delegate* unmanaged<int, void>)Export("openblas_set_num_threads");

    private static readonly delegate* unmanaged<nint> CoreNameFn =
        (delegate* unmanaged<nint>)Export("openblas_get_corename");

    /// <summary>True when libopenblas was found.</summary>
    public static bool IsAvailable => SgemmFn != null;

    /// <summary>The kernel family OpenBLAS picked for this CPU (e.g. SkylakeX, Haswell).</summary>
    public static string CoreName => CoreNameFn == null ? "?" : Marshal.PtrToStringAnsi(CoreNameFn()) ?? "?";

    /// <summary>Sets OpenBLAS's thread count for later calls.</summary>
    public static void SetThreads(int threads)
    {
        if (SetThreadsFn != null)
        {
            SetThreadsFn(threads);
        }
    }

    /// <summary>Row-major C = alpha·op(A)·op(B) + beta·C, with Tango's argument conventions.</summary>
    public static void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha, float[] a, int lda,
        float[] b, int ldb, float beta, float[] c, int ldc)
    {
        if (!IsAvailable)
        {
            throw new InvalidOperationException("libopenblas is not installed.");
        }

        fixed (float* pa = a, pb = b, pc = c)
        {
            SgemmFn(RowMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, m, n, k, alpha, pa, lda, pb, ldb,
                beta, pc, ldc);
        }
    }

    private static nint Load()
    {
        string? custom = Environment.GetEnvironmentVariable("TANGO_OPENBLAS");
        foreach (var name in custom is null ? Candidates : [custom, .. Candidates])
        {
            if (NativeLibrary.TryLoad(name, out var handle))
            {
                return handle;
            }
        }

        return 0;
    }

    private static void* Export(string name) =>
        Handle != 0 && NativeLibrary.TryGetExport(Handle, name, out var address) ? (void*)address : null;
}
