using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Tango.Core.Kernels;

/// <summary>
/// 12×32 micro-kernel on <see cref="Vector512{T}"/>: 24 accumulators + 2 B vectors + 1 broadcast fit the 32
/// vector registers of AVX-512 without spilling; each k step does 24 FMAs for 2 vector loads and 12 broadcasts.
/// </summary>
internal readonly unsafe struct GemmKernel512 : IGemmMicroKernel
{
    public static int Mr => 12;

    public static int Nr => 32;

    public static int Kc => 256;

    public static int Mc => 1536;

    public static int Nc => 512;

    // a: packed (kc, 12), b: packed (kc, 32) -> c: (12, 32) with row stride ldc
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<float> c60 = default, c61 = default, c70 = default, c71 = default, c80 = default, c81 = default;
        Vector512<float> c90 = default, c91 = default, ca0 = default, ca1 = default, cb0 = default, cb1 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + 16);
            var x = Vector512.Create(a[0]);
            c00 = Vector512.MultiplyAddEstimate(x, b0, c00);
            c01 = Vector512.MultiplyAddEstimate(x, b1, c01);
            x = Vector512.Create(a[1]);
            c10 = Vector512.MultiplyAddEstimate(x, b0, c10);
            c11 = Vector512.MultiplyAddEstimate(x, b1, c11);
            x = Vector512.Create(a[2]);
            c20 = Vector512.MultiplyAddEstimate(x, b0, c20);
            c21 = Vector512.MultiplyAddEstimate(x, b1, c21);
            x = Vector512.Create(a[3]);
            c30 = Vector512.MultiplyAddEstimate(x, b0, c30);
            c31 = Vector512.MultiplyAddEstimate(x, b1, c31);
            x = Vector512.Create(a[4]);
            c40 = Vector512.MultiplyAddEstimate(x, b0, c40);
            c41 = Vector512.MultiplyAddEstimate(x, b1, c41);
            x = Vector512.Create(a[5]);
            c50 = Vector512.MultiplyAddEstimate(x, b0, c50);
            c51 = Vector512.MultiplyAddEstimate(x, b1, c51);
            x = Vector512.Create(a[6]);
            c60 = Vector512.MultiplyAddEstimate(x, b0, c60);
            c61 = Vector512.MultiplyAddEstimate(x, b1, c61);
            x = Vector512.Create(a[7]);
            c70 = Vector512.MultiplyAddEstimate(x, b0, c70);
            c71 = Vector512.MultiplyAddEstimate(x, b1, c71);
            x = Vector512.Create(a[8]);
            c80 = Vector512.MultiplyAddEstimate(x, b0, c80);
            c81 = Vector512.MultiplyAddEstimate(x, b1, c81);
            x = Vector512.Create(a[9]);
            c90 = Vector512.MultiplyAddEstimate(x, b0, c90);
            c91 = Vector512.MultiplyAddEstimate(x, b1, c91);
            x = Vector512.Create(a[10]);
            ca0 = Vector512.MultiplyAddEstimate(x, b0, ca0);
            ca1 = Vector512.MultiplyAddEstimate(x, b1, ca1);
            x = Vector512.Create(a[11]);
            cb0 = Vector512.MultiplyAddEstimate(x, b0, cb0);
            cb1 = Vector512.MultiplyAddEstimate(x, b1, cb1);
            a += 12;
            b += 32;
        }

        Store(c, ldc, 0, c00, c01, alpha, beta);
        Store(c, ldc, 1, c10, c11, alpha, beta);
        Store(c, ldc, 2, c20, c21, alpha, beta);
        Store(c, ldc, 3, c30, c31, alpha, beta);
        Store(c, ldc, 4, c40, c41, alpha, beta);
        Store(c, ldc, 5, c50, c51, alpha, beta);
        Store(c, ldc, 6, c60, c61, alpha, beta);
        Store(c, ldc, 7, c70, c71, alpha, beta);
        Store(c, ldc, 8, c80, c81, alpha, beta);
        Store(c, ldc, 9, c90, c91, alpha, beta);
        Store(c, ldc, 10, ca0, ca1, alpha, beta);
        Store(c, ldc, 11, cb0, cb1, alpha, beta);
    }

    // c[row, 0..32) = alpha·acc + beta·c; the product is rounded before the fused add so that every path
    // (full tile or edge tile through a scratch buffer) gives the same bits.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, nint ldc, int row, Vector512<float> acc0, Vector512<float> acc1,
        float alpha, float beta)
    {
        float* r = c + row * ldc;
        var y0 = acc0 * alpha;
        var y1 = acc1 * alpha;
        if (beta != 0f)
        {
            var vb = Vector512.Create(beta);
            y0 = Vector512.MultiplyAddEstimate(Vector512.Load(r), vb, y0);
            y1 = Vector512.MultiplyAddEstimate(Vector512.Load(r + 16), vb, y1);
        }

        Vector512.Store(y0, r);
        Vector512.Store(y1, r + 16);
    }
}
