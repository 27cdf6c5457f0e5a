using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Tango.Core.Kernels;

/// <summary>
/// 6×8 micro-kernel on <see cref="Vector128{T}"/> for machines without AVX2 (SSE, NEON): 12 accumulators + 2 B
/// vectors + 1 broadcast fit 16 vector registers; each k step does 12 FMAs for 2 vector loads and 6 broadcasts.
/// </summary>
internal readonly unsafe struct GemmKernel128 : IGemmMicroKernel
{
    public static int Mr => 6;

    public static int Nr => 8;

    public static int Kc => 256;

    public static int Mc => 1536;

    public static int Nc => 512;

    // a: packed (kc, 6), b: packed (kc, 8) -> c: (6, 8) with row stride ldc
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta)
    {
        Vector128<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector128<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector128.Load(b);
            var b1 = Vector128.Load(b + 4);
            var x = Vector128.Create(a[0]);
            c00 = Vector128.MultiplyAddEstimate(x, b0, c00);
            c01 = Vector128.MultiplyAddEstimate(x, b1, c01);
            x = Vector128.Create(a[1]);
            c10 = Vector128.MultiplyAddEstimate(x, b0, c10);
            c11 = Vector128.MultiplyAddEstimate(x, b1, c11);
            x = Vector128.Create(a[2]);
            c20 = Vector128.MultiplyAddEstimate(x, b0, c20);
            c21 = Vector128.MultiplyAddEstimate(x, b1, c21);
            x = Vector128.Create(a[3]);
            c30 = Vector128.MultiplyAddEstimate(x, b0, c30);
            c31 = Vector128.MultiplyAddEstimate(x, b1, c31);
            x = Vector128.Create(a[4]);
            c40 = Vector128.MultiplyAddEstimate(x, b0, c40);
            c41 = Vector128.MultiplyAddEstimate(x, b1, c41);
            x = Vector128.Create(a[5]);
            c50 = Vector128.MultiplyAddEstimate(x, b0, c50);
            c51 = Vector128.MultiplyAddEstimate(x, b1, c51);
            a += 6;
            b += 8;
        }

        Store(c, ldc, 0, c00, c01, alpha, beta);
        Store(c, ldc, 1, c10, c11, alpha, beta);
        Store(c, ldc, 2, c20, c21, alpha, beta);
        Store(c, ldc, 3, c30, c31, alpha, beta);
        Store(c, ldc, 4, c40, c41, alpha, beta);
        Store(c, ldc, 5, c50, c51, alpha, beta);
    }

    // c[row, 0..8) = alpha·acc + beta·c (product rounded before the fused add, as in every kernel).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, nint ldc, int row, Vector128<float> acc0, Vector128<float> acc1,
        float alpha, float beta)
    {
        float* r = c + row * ldc;
        var y0 = acc0 * alpha;
        var y1 = acc1 * alpha;
        if (beta != 0f)
        {
            var vb = Vector128.Create(beta);
            y0 = Vector128.MultiplyAddEstimate(Vector128.Load(r), vb, y0);
            y1 = Vector128.MultiplyAddEstimate(Vector128.Load(r + 4), vb, y1);
        }

        Vector128.Store(y0, r);
        Vector128.Store(y1, r + 4);
    }
}
