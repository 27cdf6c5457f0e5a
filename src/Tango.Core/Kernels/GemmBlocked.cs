namespace Tango.Core.Kernels;

/// <summary>
/// The GotoBLAS/BLIS loop nest around a micro-kernel. Row-major C with vectors along n is BLIS's column-major
/// problem transposed, so the roles swap: a packed Kc×Nc block of B sits in L2 and is swept by Kc×Mr
/// micro-panels of A held in L1, while the Mc×Kc block of A is reused from L3 across all B blocks.
/// </summary>
internal static unsafe class GemmBlocked
{
    /// <summary>
    /// Computes C on up to <paramref name="threads"/> threads, each owning a strip of C; every element is
    /// computed by one thread in the same k order, so the bits do not depend on the thread count.
    /// </summary>
    // a: op(A) (m, k), b: op(B) (k, n) -> c: (m, n)
    public static void Run<TK>(GemmArgs g, int threads)
        where TK : struct, IGemmMicroKernel
    {
        bool splitN = g.N >= g.M;
        int extent = splitN ? g.N : g.M, align = splitN ? TK.Nr : TK.Mr;
        int tiles = (extent + align - 1) / align;
        int parts = Math.Min(threads, tiles);
        if (parts <= 1)
        {
            Compute<TK>(g, 0, g.M, 0, g.N);
            return;
        }

        RunStrips<TK>(g, splitN, extent, align, tiles, parts);
    }

    // Strips are whole register tiles, so only the last strip has an edge. (A separate method: the closure would
    // otherwise be allocated on every call, threaded or not.)
    private static void RunStrips<TK>(GemmArgs g, bool splitN, int extent, int align, int tiles, int parts)
        where TK : struct, IGemmMicroKernel
    {
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, t =>
        {
            int lo = (int)((long)tiles * t / parts) * align;
            int hi = Math.Min(extent, (int)((long)tiles * (t + 1) / parts) * align);
            if (splitN)
            {
                Compute<TK>(g, 0, g.M, lo, hi);
            }
            else
            {
                Compute<TK>(g, lo, hi, 0, g.N);
            }
        });
    }

    // One thread's share: rows [i0, i1) × columns [j0, j1) of C.
    private static void Compute<TK>(in GemmArgs g, int i0, int i1, int j0, int j1)
        where TK : struct, IGemmMicroKernel
    {
        // Equal k blocks (no thin last block); the split depends on k only, keeping the k order fixed.
        int kBlocks = (g.K + TK.Kc - 1) / TK.Kc;
        int kcStep = (g.K + kBlocks - 1) / kBlocks;
        var buffers = GemmBuffers.Current;
        float* ap = buffers.A(RoundUp(Math.Min(TK.Mc, i1 - i0), TK.Mr) * kcStep);
        float* bp = buffers.B(RoundUp(Math.Min(TK.Nc, j1 - j0), TK.Nr) * kcStep);
        float* tile = stackalloc float[TK.Mr * TK.Nr];
        for (int ic = i0; ic < i1; ic += TK.Mc)
        {
            int mc = Math.Min(TK.Mc, i1 - ic);
            for (int pc = 0; pc < g.K; pc += kcStep)
            {
                int kc = Math.Min(kcStep, g.K - pc);
                float beta = pc == 0 ? g.Beta : 1f;
                GemmPacking.PackA<TK>(g.TransA, g.AAt(ic, pc), g.Lda, mc, kc, ap);
                for (int jc = j0; jc < j1; jc += TK.Nc)
                {
                    int nc = Math.Min(TK.Nc, j1 - jc);
                    GemmPacking.PackB<TK>(g.TransB, g.BAt(pc, jc), g.Ldb, kc, nc, bp);
                    Macro<TK>(mc, nc, kc, ap, bp, g.C + ic * g.Ldc + jc, g.Ldc, g.Alpha, beta, tile);
                }
            }
        }
    }

    // ap: packed (mc, kc), bp: packed (kc, nc) -> c: (mc, nc) block, c = alpha·ap·bp + beta·c
    private static void Macro<TK>(int mc, int nc, int kc, float* ap, float* bp, float* c, nint ldc,
        float alpha, float beta, float* tile)
        where TK : struct, IGemmMicroKernel
    {
        for (int ir = 0; ir < mc; ir += TK.Mr)
        {
            int h = Math.Min(TK.Mr, mc - ir);
            float* a = ap + ir * kc;
            for (int jr = 0; jr < nc; jr += TK.Nr)
            {
                int w = Math.Min(TK.Nr, nc - jr);
                float* ct = c + ir * ldc + jr;
                if (h == TK.Mr && w == TK.Nr)
                {
                    TK.Run(kc, a, bp + jr * kc, ct, ldc, alpha, beta);
                }
                else
                {
                    EdgeTile<TK>(kc, a, bp + jr * kc, ct, ldc, h, w, alpha, beta, tile);
                }
            }
        }
    }

    // A partial tile runs the full kernel on a scratch tile and copies the valid h×w part back; the scratch goes
    // through the same arithmetic, so an element's bits do not depend on where tile edges fall.
    private static void EdgeTile<TK>(int kc, float* a, float* b, float* c, nint ldc, int h, int w,
        float alpha, float beta, float* tile)
        where TK : struct, IGemmMicroKernel
    {
        if (beta != 0f)
        {
            Copy(c, ldc, tile, TK.Nr, h, w);
        }

        TK.Run(kc, a, b, tile, TK.Nr, alpha, beta);
        Copy(tile, TK.Nr, c, ldc, h, w);
    }

    private static void Copy(float* src, nint lds, float* dst, nint ldd, int h, int w)
    {
        for (int i = 0; i < h; i++)
        {
            new ReadOnlySpan<float>(src + i * lds, w).CopyTo(new Span<float>(dst + i * ldd, w));
        }
    }

    private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;
}
