using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Tango.Core.Kernels;

/// <summary>
/// Packs blocks of op(A) and op(B) into the contiguous micro-panels the micro-kernel streams. Packing absorbs the
/// transposes (all four combinations then run one kernel) and zero-pads partial panels, so the kernel always
/// computes a full tile and only the store of an edge tile is partial.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Panel q of the result holds, for each p in [0, kc), the Mr floats op(A)[q·Mr + r, p] (zero past rows).
    /// </summary>
    // a: op(A) block (rows, kc) starting at a, stored (rows, kc) or (kc, rows) if transA, stride lda
    //   -> dst: (ceil(rows / Mr), kc, Mr)
    public static void PackA<TK>(bool transA, float* a, nint lda, int rows, int kc, float* dst)
        where TK : struct, IGemmMicroKernel
    {
        int mr = TK.Mr;
        for (int r0 = 0; r0 < rows; r0 += mr, dst += kc * mr)
        {
            int h = Math.Min(mr, rows - r0);
            if (transA)
            {
                CopyRows(a + r0, lda, kc, h, mr, dst);
            }
            else
            {
                Transpose(a + r0 * lda, lda, h, kc, mr, dst);
            }
        }
    }

    /// <summary>
    /// Panel q of the result holds, for each p in [0, kc), the Nr floats op(B)[p, q·Nr + j] (zero past cols).
    /// </summary>
    // b: op(B) block (kc, cols) starting at b, stored (kc, cols) or (cols, kc) if transB, stride ldb
    //   -> dst: (ceil(cols / Nr), kc, Nr)
    public static void PackB<TK>(bool transB, float* b, nint ldb, int kc, int cols, float* dst)
        where TK : struct, IGemmMicroKernel
    {
        int nr = TK.Nr;
        for (int j0 = 0; j0 < cols; j0 += nr, dst += kc * nr)
        {
            int w = Math.Min(nr, cols - j0);
            if (transB)
            {
                Transpose(b + j0 * ldb, ldb, w, kc, nr, dst);
            }
            else
            {
                CopyRows(b + j0, ldb, kc, w, nr, dst);
            }
        }
    }

    // src: (count, w) with stride ld -> dst: (count, width), zero-padded past w. Rows are contiguous in the
    // source, so a full panel is a fixed-size block copy per row (unrolled by the JIT).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyRows(float* src, nint ld, int count, int w, int width, float* dst)
    {
        if (w == width)
        {
            for (int p = 0; p < count; p++, src += ld, dst += width)
            {
                Unsafe.CopyBlockUnaligned(dst, src, (uint)width * sizeof(float));
            }

            return;
        }

        for (int p = 0; p < count; p++, src += ld, dst += width)
        {
            int j = 0;
            for (; j < w; j++)
            {
                dst[j] = src[j];
            }

            for (; j < width; j++)
            {
                dst[j] = 0f;
            }
        }
    }

    /// <summary>src: (h, count) with stride ld -> dst: (count, width) = srcᵀ, zero-padded past h.</summary>
    // Groups of 4 rows go through 4×4 SSE transposes (several times faster than the scalar loop for the rest).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Transpose(float* src, nint ld, int h, int count, int width, float* dst)
    {
        int r = 0;
        if (Sse.IsSupported)
        {
            for (; r <= h - 4; r += 4)
            {
                float* s = src + r * ld, d = dst + r;
                int p = 0;
                for (; p <= count - 4; p += 4, d += 4 * width)
                {
                    Transpose4x4(s + p, ld, d, width);
                }

                TransposeScalar(s + p, ld, 4, count - p, width, d);
            }
        }

        TransposeScalar(src + r * ld, ld, h - r, count, width, dst + r);
        for (r = h; r < width; r++)
        {
            float* d = dst + r;
            for (int p = 0; p < count; p++, d += width)
            {
                *d = 0f;
            }
        }
    }

    // s: (4, 4) with stride ld -> d: (4, 4) = sᵀ with stride ldd
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose4x4(float* s, nint ld, float* d, nint ldd)
    {
        var r0 = Sse.LoadVector128(s);
        var r1 = Sse.LoadVector128(s + ld);
        var r2 = Sse.LoadVector128(s + 2 * ld);
        var r3 = Sse.LoadVector128(s + 3 * ld);
        var t0 = Sse.UnpackLow(r0, r1);   // a0 b0 a1 b1
        var t1 = Sse.UnpackLow(r2, r3);   // c0 d0 c1 d1
        var t2 = Sse.UnpackHigh(r0, r1);  // a2 b2 a3 b3
        var t3 = Sse.UnpackHigh(r2, r3);  // c2 d2 c3 d3
        Sse.Store(d, Sse.MoveLowToHigh(t0, t1));
        Sse.Store(d + ldd, Sse.MoveHighToLow(t1, t0));
        Sse.Store(d + 2 * ldd, Sse.MoveLowToHigh(t2, t3));
        Sse.Store(d + 3 * ldd, Sse.MoveHighToLow(t3, t2));
    }

    // src: (h, count) with stride ld -> dst: (count, width) = srcᵀ in columns [0, h) only.
    private static void TransposeScalar(float* src, nint ld, int h, int count, int width, float* dst)
    {
        for (int r = 0; r < h; r++)
        {
            float* s = src + r * ld, d = dst + r;
            for (int p = 0; p < count; p++, d += width)
            {
                *d = s[p];
            }
        }
    }
}
