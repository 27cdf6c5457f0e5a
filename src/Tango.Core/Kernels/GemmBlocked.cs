namespace Tango.Core.Kernels;

/// <summary>
/// The GotoBLAS/BLIS loop nest around a micro-kernel. Row-major C with vectors along n is BLIS's column-major
/// problem transposed, so the roles swap: a packed Kc×Nc block of B sits in L2 and is swept by Kc×Mr
/// micro-panels of A held in L1, while the Mc×Kc block of A is reused from L3 across all B blocks.
/// </summary>
internal static unsafe class GemmBlocked
{
    // Floats of the operand a parallel call packs once and shares (8 MiB; the part of L3 it may take).
    private const int SharedFloats = 2 << 20;

    /// <summary>
    /// Computes C on up to <paramref name="threads"/> threads. Every element is computed by one thread with the
    /// same k blocks, kernel and store, so the bits do not depend on the thread count or on scheduling.
    /// </summary>
    // a: op(A) (m, k), b: op(B) (k, n) -> c: (m, n)
    public static void Run<TK>(GemmArgs g, int threads)
        where TK : struct, IGemmMicroKernel
    {
        if (threads <= 1 || Math.Max(g.M, g.N) < 2 * Math.Max(TK.Mr, TK.Nr))
        {
            Compute<TK>(g);
        }
        else if (g.N >= g.M)
        {
            SharedA<TK>(g, threads);
        }
        else
        {
            SharedB<TK>(g, threads);
        }
    }

    // One thread: for each Mc×Kc block of A, every Kc×Nc block of B.
    private static void Compute<TK>(in GemmArgs g)
        where TK : struct, IGemmMicroKernel
    {
        int kcStep = KcStep<TK>(g.K);
        var buffers = GemmBuffers.Current;
        float* ap = buffers.A(RoundUp(Math.Min(TK.Mc, g.M), TK.Mr) * kcStep);
        float* bp = buffers.B(RoundUp(Math.Min(TK.Nc, g.N), TK.Nr) * kcStep);
        float* tile = stackalloc float[TK.Mr * TK.Nr];
        for (int ic = 0; ic < g.M; ic += TK.Mc)
        {
            int mc = Math.Min(TK.Mc, g.M - ic);
            for (int pc = 0; pc < g.K; pc += kcStep)
            {
                int kc = Math.Min(kcStep, g.K - pc);
                float beta = pc == 0 ? g.Beta : 1f;
                GemmPacking.PackA<TK>(g.TransA, g.AAt(ic, pc), g.Lda, mc, kc, ap);
                for (int jc = 0; jc < g.N; jc += TK.Nc)
                {
                    int nc = Math.Min(TK.Nc, g.N - jc);
                    GemmPacking.PackB<TK>(g.TransB, g.BAt(pc, jc), g.Ldb, kc, nc, bp);
                    Macro<TK>(mc, nc, kc, ap, bp, g.C + ic * g.Ldc + jc, g.Ldc, g.Alpha, beta, tile);
                }
            }
        }
    }

    // Wide C: the caller packs a block of rows of A over all of k once; the threads claim column slices of C
    // (guided: large first, single panels at the end) and pack their own slice of B per k block. The k blocks of a
    // slice run in order on one thread.
    private static void SharedA<TK>(GemmArgs g, int threads)
        where TK : struct, IGemmMicroKernel
    {
        int kcStep = KcStep<TK>(g.K);
        var (blocks, mcMax) = Blocks(g.M, Math.Clamp(SharedFloats / g.K, TK.Mr, TK.Mc), TK.Mr);
        float* sa = GemmBuffers.Current.Shared(RoundUp(mcMax, TK.Mr) * g.K);
        for (int ib = 0; ib < blocks; ib++)
        {
            int ic = ib * mcMax, mc = Math.Min(mcMax, g.M - ic), mcPad = RoundUp(mc, TK.Mr);
            for (int pc = 0; pc < g.K; pc += kcStep)
            {
                GemmPacking.PackA<TK>(g.TransA, g.AAt(ic, pc), g.Lda, mc, Math.Min(kcStep, g.K - pc), sa + mcPad * pc);
            }

            var claims = new GuidedClaims(g.N, TK.Nr, TK.Nc, threads);
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ =>
            {
                float* bp = GemmBuffers.Current.B(Math.Min(TK.Nc, RoundUp(g.N, TK.Nr)) * kcStep);
                float* tile = stackalloc float[TK.Mr * TK.Nr];
                while (claims.TryNext(out int j0, out int j1))
                {
                    for (int pc = 0; pc < g.K; pc += kcStep)
                    {
                        int kc = Math.Min(kcStep, g.K - pc);
                        GemmPacking.PackB<TK>(g.TransB, g.BAt(pc, j0), g.Ldb, kc, j1 - j0, bp);
                        Macro<TK>(mc, j1 - j0, kc, sa + mcPad * pc, bp, g.C + ic * g.Ldc + j0, g.Ldc, g.Alpha,
                            pc == 0 ? g.Beta : 1f, tile);
                    }
                }
            });
        }
    }

    // Tall C: the caller packs a block of columns of B over all of k once; the threads claim row slices.
    private static void SharedB<TK>(GemmArgs g, int threads)
        where TK : struct, IGemmMicroKernel
    {
        int kcStep = KcStep<TK>(g.K);
        var (blocks, ncMax) = Blocks(g.N, Math.Clamp(SharedFloats / g.K, TK.Nr, TK.Nc), TK.Nr);
        float* sb = GemmBuffers.Current.Shared(RoundUp(ncMax, TK.Nr) * g.K);
        for (int jb = 0; jb < blocks; jb++)
        {
            int jc = jb * ncMax, nc = Math.Min(ncMax, g.N - jc), ncPad = RoundUp(nc, TK.Nr);
            for (int pc = 0; pc < g.K; pc += kcStep)
            {
                GemmPacking.PackB<TK>(g.TransB, g.BAt(pc, jc), g.Ldb, Math.Min(kcStep, g.K - pc), nc, sb + ncPad * pc);
            }

            var claims = new GuidedClaims(g.M, TK.Mr, TK.Mc, threads);
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ =>
            {
                float* ap = GemmBuffers.Current.A(Math.Min(TK.Mc, RoundUp(g.M, TK.Mr)) * kcStep);
                float* tile = stackalloc float[TK.Mr * TK.Nr];
                while (claims.TryNext(out int i0, out int i1))
                {
                    for (int pc = 0; pc < g.K; pc += kcStep)
                    {
                        int kc = Math.Min(kcStep, g.K - pc);
                        GemmPacking.PackA<TK>(g.TransA, g.AAt(i0, pc), g.Lda, i1 - i0, kc, ap);
                        Macro<TK>(i1 - i0, nc, kc, ap, sb + ncPad * pc, g.C + i0 * g.Ldc + jc, g.Ldc, g.Alpha,
                            pc == 0 ? g.Beta : 1f, tile);
                    }
                }
            });
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

    // Equal k blocks of at most Kc (no thin last block); they depend on k only, which fixes every element's
    // summation order.
    private static int KcStep<TK>(int k)
        where TK : struct, IGemmMicroKernel
    {
        int blocks = (k + TK.Kc - 1) / TK.Kc;
        return (k + blocks - 1) / blocks;
    }

    // Splits extent into equal blocks of at most max (a multiple of align): no thin last block.
    private static (int Count, int Size) Blocks(int extent, int max, int align)
    {
        int count = (extent + max - 1) / max;
        return (count, RoundUp((extent + count - 1) / count, align));
    }

    private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;

    // Hands out slices of [0, extent) in whole register tiles, each about 1/(2·threads) of what is left (at most
    // one cache block): early claims are large, the last are single tiles, so threads finish together even when
    // one starts late. Which thread computes a slice does not change its bits.
    private sealed class GuidedClaims(int extent, int align, int max, int threads)
    {
        private readonly int _tiles = (extent + align - 1) / align;
        private int _next;

        public bool TryNext(out int lo, out int hi)
        {
            while (true)
            {
                int next = Volatile.Read(ref _next);
                int left = _tiles - next;
                if (left <= 0)
                {
                    lo = hi = 0;
                    return false;
                }

                int take = Math.Clamp(left / (2 * threads), 1, max / align);
                if (Interlocked.CompareExchange(ref _next, next + take, next) == next)
                {
                    lo = next * align;
                    hi = Math.Min(extent, (next + take) * align);
                    return true;
                }
            }
        }
    }
}
