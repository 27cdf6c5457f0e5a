using System.Runtime.CompilerServices;

namespace Tango.Core.Kernels;

/// <summary>
/// 4×4 scalar micro-kernel: the portable fallback when no vector width is accelerated. 16 accumulators keep the
/// FMA chains independent; the multiply-add rounds exactly like the vector kernels' per lane.
/// </summary>
internal readonly unsafe struct GemmKernelScalar : IGemmMicroKernel
{
    public static int Mr => 4;

    public static int Nr => 4;

    public static int Kc => 256;

    public static int Mc => 512;

    public static int Nc => 512;

    // a: packed (kc, 4), b: packed (kc, 4) -> c: (4, 4) with row stride ldc
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta)
    {
        float c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        float c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (int p = 0; p < kc; p++)
        {
            float b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
            float x = a[0];
            c00 = float.MultiplyAddEstimate(x, b0, c00);
            c01 = float.MultiplyAddEstimate(x, b1, c01);
            c02 = float.MultiplyAddEstimate(x, b2, c02);
            c03 = float.MultiplyAddEstimate(x, b3, c03);
            x = a[1];
            c10 = float.MultiplyAddEstimate(x, b0, c10);
            c11 = float.MultiplyAddEstimate(x, b1, c11);
            c12 = float.MultiplyAddEstimate(x, b2, c12);
            c13 = float.MultiplyAddEstimate(x, b3, c13);
            x = a[2];
            c20 = float.MultiplyAddEstimate(x, b0, c20);
            c21 = float.MultiplyAddEstimate(x, b1, c21);
            c22 = float.MultiplyAddEstimate(x, b2, c22);
            c23 = float.MultiplyAddEstimate(x, b3, c23);
            x = a[3];
            c30 = float.MultiplyAddEstimate(x, b0, c30);
            c31 = float.MultiplyAddEstimate(x, b1, c31);
            c32 = float.MultiplyAddEstimate(x, b2, c32);
            c33 = float.MultiplyAddEstimate(x, b3, c33);
            a += 4;
            b += 4;
        }

        Store(c, alpha, beta, c00, c01, c02, c03);
        Store(c + ldc, alpha, beta, c10, c11, c12, c13);
        Store(c + 2 * ldc, alpha, beta, c20, c21, c22, c23);
        Store(c + 3 * ldc, alpha, beta, c30, c31, c32, c33);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* r, float alpha, float beta, float y0, float y1, float y2, float y3)
    {
        r[0] = Update(r, 0, y0, alpha, beta);
        r[1] = Update(r, 1, y1, alpha, beta);
        r[2] = Update(r, 2, y2, alpha, beta);
        r[3] = Update(r, 3, y3, alpha, beta);
    }

    // alpha·acc + beta·c, product rounded first; beta = 0 never reads c.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Update(float* r, int j, float acc, float alpha, float beta) =>
        beta == 0f ? acc * alpha : float.MultiplyAddEstimate(r[j], beta, acc * alpha);
}
