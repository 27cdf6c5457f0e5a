namespace Tango.Core.Kernels;

/// <summary>
/// The GotoBLAS/BLIS loop nest around a micro-kernel. Row-major C with vectors along n is BLIS's column-major
/// problem transposed, so the roles swap: a packed Kc×Nc block of B sits in L2 and is swept by Kc×Mr
/// micro-panels of A held in L1, while the Mc×Kc block of A is reused from L3 across all B blocks.
/// </summary>
internal static unsafe class GemmBlocked
{
    // Chunks per thread in a parallel call: a worker that starts late still takes its share of the rest.
    private const int ChunksPerThread = 4;

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
            Compute<TK>(g, 0, g.M, 0, g.N);
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

    // One thread, its own packing: rows [i0, i1) × columns [j0, j1) of C.
    private static void Compute<TK>(in GemmArgs g, int i0, int i1, int j0, int j1)
        where TK : struct, IGemmMicroKernel
    {
        int kcStep = KcStep<TK>(g.K);
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

    // Wide C: the caller packs a block of rows of A over all of k once; workers take column chunks, each packing
    // its own slice of B per k block. The k blocks of a chunk run in order on one thread.
    private static void SharedA<TK>(GemmArgs g, int threads)
        where TK : struct, IGemmMicroKernel
    {
        int kcStep = KcStep<TK>(g.K);
        int mcMax = Math.Clamp(SharedFloats / g.K / TK.Mr * TK.Mr, TK.Mr, TK.Mc);
        float* sa = GemmBuffers.Current.Shared(RoundUp(Math.Min(mcMax, g.M), TK.Mr) * g.K);
        var chunks = Chunks(g.N, TK.Nr, TK.Nc, threads);
        for (int ic = 0; ic < g.M; ic += mcMax)
        {
            int mc = Math.Min(mcMax, g.M - ic), mcPad = RoundUp(mc, TK.Mr);
            for (int pc = 0; pc < g.K; pc += kcStep)
            {
                GemmPacking.PackA<TK>(g.TransA, g.AAt(ic, pc), g.Lda, mc, Math.Min(kcStep, g.K - pc), sa + mcPad * pc);
            }

            Parallel.For(0, chunks.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                var (j0, j1) = chunks.Range(t, g.N);
                float* bp = GemmBuffers.Current.B(RoundUp(j1 - j0, TK.Nr) * kcStep);
                float* tile = stackalloc float[TK.Mr * TK.Nr];
                for (int pc = 0; pc < g.K; pc += kcStep)
                {
                    int kc = Math.Min(kcStep, g.K - pc);
                    GemmPacking.PackB<TK>(g.TransB, g.BAt(pc, j0), g.Ldb, kc, j1 - j0, bp);
                    Macro<TK>(mc, j1 - j0, kc, sa + mcPad * pc, bp, g.C + ic * g.Ldc + j0, g.Ldc, g.Alpha,
                        pc == 0 ? g.Beta : 1f, tile);
                }
            });
        }
    }

    // Tall C: the caller packs a block of columns of B over all of k once; workers take row chunks.
    private static void SharedB<TK>(GemmArgs g, int threads)
        where TK : struct, IGemmMicroKernel
    {
        int kcStep = KcStep<TK>(g.K);
        int ncMax = Math.Clamp(SharedFloats / g.K / TK.Nr * TK.Nr, TK.Nr, TK.Nc);
        float* sb = GemmBuffers.Current.Shared(RoundUp(Math.Min(ncMax, g.N), TK.Nr) * g.K);
        var chunks = Chunks(g.M, TK.Mr, TK.Mc, threads);
        for (int jc = 0; jc < g.N; jc += ncMax)
        {
            int nc = Math.Min(ncMax, g.N - jc), ncPad = RoundUp(nc, TK.Nr);
            for (int pc = 0; pc < g.K; pc += kcStep)
            {
                GemmPacking.PackB<TK>(g.TransB, g.BAt(pc, jc), g.Ldb, Math.Min(kcStep, g.K - pc), nc, sb + ncPad * pc);
            }

            Parallel.For(0, chunks.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                var (i0, i1) = chunks.Range(t, g.M);
                float* ap = GemmBuffers.Current.A(RoundUp(i1 - i0, TK.Mr) * kcStep);
                float* tile = stackalloc float[TK.Mr * TK.Nr];
                for (int pc = 0; pc < g.K; pc += kcStep)
                {
                    int kc = Math.Min(kcStep, g.K - pc);
                    GemmPacking.PackA<TK>(g.TransA, g.AAt(i0, pc), g.Lda, i1 - i0, kc, ap);
                    Macro<TK>(i1 - i0, nc, kc, ap, sb + ncPad * pc, g.C + i0 * g.Ldc + jc, g.Ldc, g.Alpha,
                        pc == 0 ? g.Beta : 1f, tile);
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

    // About ChunksPerThread chunks per thread, whole register tiles wide, at most one cache block each.
    private static ChunkSplit Chunks(int extent, int align, int max, int threads)
    {
        int size = Math.Clamp(RoundUp((extent + threads * ChunksPerThread - 1) / (threads * ChunksPerThread), align),
            align, max);
        return new ChunkSplit(size, (extent + size - 1) / size);
    }

    private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;

    // Chunk t covers [t·size, min((t + 1)·size, extent)).
    private readonly record struct ChunkSplit(int Size, int Count)
    {
        public (int Lo, int Hi) Range(int t, int extent) => (t * Size, Math.Min(extent, (t + 1) * Size));
    }
}
