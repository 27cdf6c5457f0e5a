using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Tango.Core.Kernels;

/// <summary>
/// 6×16 micro-kernel on <see cref="Vector256{T}"/>, the classic AVX2 shape: 12 accumulators + 2 B vectors + 1
/// broadcast fit the 16 vector registers; each k step does 12 FMAs for 2 vector loads and 6 broadcasts.
/// </summary>
internal readonly unsafe struct GemmKernel256 : IGemmMicroKernel
{
    public static int Mr => 6;

    public static int Nr => 16;

    public static int Kc => 256;

    public static int Mc => 1536;

    public static int Nc => 512;

    // a: packed (kc, 6), b: packed (kc, 16) -> c: (6, 16) with row stride ldc
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            var x = Vector256.Create(a[0]);
            c00 = Vector256.MultiplyAddEstimate(x, b0, c00);
            c01 = Vector256.MultiplyAddEstimate(x, b1, c01);
            x = Vector256.Create(a[1]);
            c10 = Vector256.MultiplyAddEstimate(x, b0, c10);
            c11 = Vector256.MultiplyAddEstimate(x, b1, c11);
            x = Vector256.Create(a[2]);
            c20 = Vector256.MultiplyAddEstimate(x, b0, c20);
            c21 = Vector256.MultiplyAddEstimate(x, b1, c21);
            x = Vector256.Create(a[3]);
            c30 = Vector256.MultiplyAddEstimate(x, b0, c30);
            c31 = Vector256.MultiplyAddEstimate(x, b1, c31);
            x = Vector256.Create(a[4]);
            c40 = Vector256.MultiplyAddEstimate(x, b0, c40);
            c41 = Vector256.MultiplyAddEstimate(x, b1, c41);
            x = Vector256.Create(a[5]);
            c50 = Vector256.MultiplyAddEstimate(x, b0, c50);
            c51 = Vector256.MultiplyAddEstimate(x, b1, c51);
            a += 6;
            b += 16;
        }

        Store(c, ldc, 0, c00, c01, alpha, beta);
        Store(c, ldc, 1, c10, c11, alpha, beta);
        Store(c, ldc, 2, c20, c21, alpha, beta);
        Store(c, ldc, 3, c30, c31, alpha, beta);
        Store(c, ldc, 4, c40, c41, alpha, beta);
        Store(c, ldc, 5, c50, c51, alpha, beta);
    }

    // c[row, 0..16) = alpha·acc + beta·c (product rounded before the fused add, as in every kernel).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, nint ldc, int row, Vector256<float> acc0, Vector256<float> acc1,
        float alpha, float beta)
    {
        float* r = c + row * ldc;
        var y0 = acc0 * alpha;
        var y1 = acc1 * alpha;
        if (beta != 0f)
        {
            var vb = Vector256.Create(beta);
            y0 = Vector256.MultiplyAddEstimate(Vector256.Load(r), vb, y0);
            y1 = Vector256.MultiplyAddEstimate(Vector256.Load(r + 8), vb, y1);
        }

        Vector256.Store(y0, r);
        Vector256.Store(y1, r + 8);
    }
}
