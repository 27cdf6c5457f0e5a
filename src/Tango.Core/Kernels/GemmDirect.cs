using System.Numerics;
using System.Runtime.CompilerServices;

namespace Tango.Core.Kernels;

/// <summary>
/// Small products without packing A or threads, whose setup would cost more than the arithmetic: 4×(2 vectors)
/// register tiles read op(A) through its strides (so transA is free) and op(B) rows as vectors; a transposed B
/// is first transposed into a per-thread scratch (k·n floats, cheap next to m·n·k).
/// </summary>
internal static unsafe class GemmDirect
{
    /// <summary>C = alpha·op(A)·op(B) + beta·C; beta = 0 never reads C.</summary>
    // a: op(A) (m, k), b: op(B) (k, n) -> c: (m, n)
    public static void Run(in GemmArgs g, bool vectorize)
    {
        float* b = g.B;
        nint ldb = g.Ldb;
        if (g.TransB)
        {
            b = GemmBuffers.Current.B(g.K * g.N);
            GemmPacking.Transpose(g.B, g.Ldb, g.N, g.K, g.N, b);
            ldb = g.N;
        }

        // op(A)[i, p] = a[i·ars + p·aps]
        nint ars = g.TransA ? 1 : g.Lda, aps = g.TransA ? g.Lda : 1;
        var t = new Tile(g.K, aps, ldb, g.Alpha, g.Beta, vectorize);
        int i = 0;
        for (; i <= g.M - 4; i += 4)
        {
            t.Rows4(g.A + i * ars, ars, b, g.N, g.C + i * g.Ldc, g.Ldc);
        }

        for (; i < g.M; i++)
        {
            t.Row1(g.A + i * ars, b, g.N, g.C + i * g.Ldc);
        }
    }

    // What every tile of one call shares: depth, strides along k, scalars.
    private readonly struct Tile(int k, nint aps, nint ldb, float alpha, float beta, bool vectorize)
    {
        private readonly int _k = k;
        private readonly nint _aps = aps, _ldb = ldb;
        private readonly float _alpha = alpha, _beta = beta;
        private readonly bool _vectorize = vectorize;

        private static int W => Vector<float>.Count;

        // a: 4 rows of op(A) at stride ars, b: (k, n) at stride ldb -> c: 4 rows of n at stride ldc
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Rows4(float* a, nint ars, float* b, int n, float* c, nint ldc)
        {
            // Locals, not fields of `this`: the JIT keeps them in registers across the pointer stores.
            int k = _k;
            nint aps = _aps, ldb = _ldb;
            int j = 0;
            for (; _vectorize && j <= n - 2 * W; j += 2 * W)
            {
                Vector<float> s00 = default, s01 = default, s10 = default, s11 = default;
                Vector<float> s20 = default, s21 = default, s30 = default, s31 = default;
                float* ap = a, bp = b + j;
                for (int p = 0; p < k; p++, ap += aps, bp += ldb)
                {
                    var b0 = Vector.Load(bp);
                    var b1 = Vector.Load(bp + W);
                    var x = new Vector<float>(ap[0]);
                    s00 = Vector.MultiplyAddEstimate(x, b0, s00);
                    s01 = Vector.MultiplyAddEstimate(x, b1, s01);
                    x = new Vector<float>(ap[ars]);
                    s10 = Vector.MultiplyAddEstimate(x, b0, s10);
                    s11 = Vector.MultiplyAddEstimate(x, b1, s11);
                    x = new Vector<float>(ap[2 * ars]);
                    s20 = Vector.MultiplyAddEstimate(x, b0, s20);
                    s21 = Vector.MultiplyAddEstimate(x, b1, s21);
                    x = new Vector<float>(ap[3 * ars]);
                    s30 = Vector.MultiplyAddEstimate(x, b0, s30);
                    s31 = Vector.MultiplyAddEstimate(x, b1, s31);
                }

                Store(c + j, s00, s01);
                Store(c + ldc + j, s10, s11);
                Store(c + 2 * ldc + j, s20, s21);
                Store(c + 3 * ldc + j, s30, s31);
            }

            if (_vectorize && j < n && n >= W)
            {
                // Remaining columns one vector at a time; the last vector is shifted back to end at n, and its
                // lanes below `done` (columns already final) are written back unchanged.
                for (; j < n; j += W)
                {
                    int done = Math.Max(0, j + W - n);
                    int j0 = j - done;
                    Vector<float> s0 = default, s1 = default, s2 = default, s3 = default;
                    float* ap = a, bp = b + j0;
                    for (int p = 0; p < k; p++, ap += aps, bp += ldb)
                    {
                        var b0 = Vector.Load(bp);
                        s0 = Vector.MultiplyAddEstimate(new Vector<float>(ap[0]), b0, s0);
                        s1 = Vector.MultiplyAddEstimate(new Vector<float>(ap[ars]), b0, s1);
                        s2 = Vector.MultiplyAddEstimate(new Vector<float>(ap[2 * ars]), b0, s2);
                        s3 = Vector.MultiplyAddEstimate(new Vector<float>(ap[3 * ars]), b0, s3);
                    }

                    StoreTail(c + j0, s0, done);
                    StoreTail(c + ldc + j0, s1, done);
                    StoreTail(c + 2 * ldc + j0, s2, done);
                    StoreTail(c + 3 * ldc + j0, s3, done);
                }
            }

            for (; j < n; j++)
            {
                float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                float* ap = a, bp = b + j;
                for (int p = 0; p < k; p++, ap += aps, bp += ldb)
                {
                    s0 = float.MultiplyAddEstimate(ap[0], *bp, s0);
                    s1 = float.MultiplyAddEstimate(ap[ars], *bp, s1);
                    s2 = float.MultiplyAddEstimate(ap[2 * ars], *bp, s2);
                    s3 = float.MultiplyAddEstimate(ap[3 * ars], *bp, s3);
                }

                c[j] = Update(c + j, s0);
                c[ldc + j] = Update(c + ldc + j, s1);
                c[2 * ldc + j] = Update(c + 2 * ldc + j, s2);
                c[3 * ldc + j] = Update(c + 3 * ldc + j, s3);
            }
        }

        // a: one row of op(A), b: (k, n) -> c: one row of n
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Row1(float* a, float* b, int n, float* c)
        {
            int k = _k;
            nint aps = _aps, ldb = _ldb;
            int j = 0;
            for (; _vectorize && j <= n - 2 * W; j += 2 * W)
            {
                Vector<float> s0 = default, s1 = default, s2 = default, s3 = default;
                float* ap = a, bp = b + j;
                int p = 0;
                for (; p <= k - 2; p += 2, ap += 2 * aps, bp += 2 * ldb)
                {
                    // Two k steps into separate accumulators: four independent FMA chains.
                    var x = new Vector<float>(ap[0]);
                    s0 = Vector.MultiplyAddEstimate(x, Vector.Load(bp), s0);
                    s1 = Vector.MultiplyAddEstimate(x, Vector.Load(bp + W), s1);
                    x = new Vector<float>(ap[aps]);
                    s2 = Vector.MultiplyAddEstimate(x, Vector.Load(bp + ldb), s2);
                    s3 = Vector.MultiplyAddEstimate(x, Vector.Load(bp + ldb + W), s3);
                }

                s0 += s2;
                s1 += s3;
                if (p < k)
                {
                    var x = new Vector<float>(ap[0]);
                    s0 = Vector.MultiplyAddEstimate(x, Vector.Load(bp), s0);
                    s1 = Vector.MultiplyAddEstimate(x, Vector.Load(bp + W), s1);
                }

                Store(c + j, s0, s1);
            }

            for (; j < n; j++)
            {
                float s = 0;
                float* ap = a, bp = b + j;
                for (int p = 0; p < k; p++, ap += aps, bp += ldb)
                {
                    s = float.MultiplyAddEstimate(*ap, *bp, s);
                }

                c[j] = Update(c + j, s);
            }
        }

        private void Store(float* c, Vector<float> acc0, Vector<float> acc1)
        {
            var y0 = acc0 * _alpha;
            var y1 = acc1 * _alpha;
            if (_beta != 0f)
            {
                var vb = new Vector<float>(_beta);
                y0 = Vector.MultiplyAddEstimate(Vector.Load(c), vb, y0);
                y1 = Vector.MultiplyAddEstimate(Vector.Load(c + W), vb, y1);
            }

            Vector.Store(y0, c);
            Vector.Store(y1, c + W);
        }

        // c[done..W) = alpha·acc + beta·c; lanes below `done` keep their (already final) values.
        private void StoreTail(float* c, Vector<float> acc, int done)
        {
            var old = Vector.Load(c);
            var y = acc * _alpha;
            if (_beta != 0f)
            {
                y = Vector.MultiplyAddEstimate(old, new Vector<float>(_beta), y);
            }

            var fresh = Vector.GreaterThanOrEqual(Vector<int>.Indices, new Vector<int>(done));
            Vector.Store(Vector.ConditionalSelect(fresh.As<int, float>(), y, old), c);
        }

        // beta = 0 must not read c: it may hold NaN garbage.
        private float Update(float* c, float acc) =>
            _beta == 0f ? acc * _alpha : float.MultiplyAddEstimate(*c, _beta, acc * _alpha);
    }
}
