using System.Numerics;

namespace Tango.Core.Kernels;

/// <summary>
/// Small products without packing or threads: their setup would cost more than the arithmetic. Vectors run
/// along n (op(B) rows are contiguous) or, for transposed B, along k as dot products.
/// </summary>
internal static unsafe class GemmDirect
{
    /// <summary>True when this path handles the combination (A must be contiguous along k for transposed B).</summary>
    public static bool Supports(bool transA, bool transB) => !(transA && transB);

    /// <summary>C = alpha·op(A)·op(B) + beta·C; beta = 0 never reads C.</summary>
    // a: op(A) (m, k), b: op(B) (k, n) -> c: (m, n)
    public static void Run(in GemmArgs g, bool vectorize)
    {
        for (int i = 0; i < g.M; i++)
        {
            float* c = g.C + i * g.Ldc;
            if (g.TransB)
            {
                DotRow(g, i, c, vectorize);
            }
            else
            {
                AxpyRow(g, i, c, vectorize);
            }
        }
    }

    // c[0..n) = alpha·Σ_p op(A)[i, p]·B[p, 0..n) + beta·c, four vectors of columns at a time held in registers.
    private static void AxpyRow(in GemmArgs g, int i, float* c, bool vectorize)
    {
        int w = Vector<float>.Count, j = 0;
        nint aStep = g.TransA ? g.Lda : 1;
        float* a = g.AAt(i, 0);
        for (; vectorize && j <= g.N - 4 * w; j += 4 * w)
        {
            Vector<float> s0 = default, s1 = default, s2 = default, s3 = default;
            float* b = g.B + j;
            for (int p = 0; p < g.K; p++, b += g.Ldb)
            {
                var x = new Vector<float>(a[p * aStep]);
                s0 = Vector.MultiplyAddEstimate(x, Vector.Load(b), s0);
                s1 = Vector.MultiplyAddEstimate(x, Vector.Load(b + w), s1);
                s2 = Vector.MultiplyAddEstimate(x, Vector.Load(b + 2 * w), s2);
                s3 = Vector.MultiplyAddEstimate(x, Vector.Load(b + 3 * w), s3);
            }

            Store(c + j, s0, g.Alpha, g.Beta);
            Store(c + j + w, s1, g.Alpha, g.Beta);
            Store(c + j + 2 * w, s2, g.Alpha, g.Beta);
            Store(c + j + 3 * w, s3, g.Alpha, g.Beta);
        }

        for (; vectorize && j <= g.N - w; j += w)
        {
            Vector<float> s = default;
            float* b = g.B + j;
            for (int p = 0; p < g.K; p++, b += g.Ldb)
            {
                s = Vector.MultiplyAddEstimate(new Vector<float>(a[p * aStep]), Vector.Load(b), s);
            }

            Store(c + j, s, g.Alpha, g.Beta);
        }

        for (; j < g.N; j++)
        {
            float s = 0;
            for (int p = 0; p < g.K; p++)
            {
                s = float.MultiplyAddEstimate(a[p * aStep], g.B[p * g.Ldb + j], s);
            }

            c[j] = Update(c[j], s, g.Alpha, g.Beta);
        }
    }

    // c[j] = alpha·dot(A[i, :], B[j, :]) + beta·c[j]: both rows contiguous along k.
    private static void DotRow(in GemmArgs g, int i, float* c, bool vectorize)
    {
        float* a = g.A + i * g.Lda;
        for (int j = 0; j < g.N; j++)
        {
            c[j] = Update(c[j], Dot(a, g.B + j * g.Ldb, g.K, vectorize), g.Alpha, g.Beta);
        }
    }

    private static float Dot(float* x, float* y, int k, bool vectorize)
    {
        int w = Vector<float>.Count, p = 0;
        float s = 0;
        if (vectorize && k >= w)
        {
            Vector<float> s0 = default, s1 = default;
            for (; p <= k - 2 * w; p += 2 * w)
            {
                s0 = Vector.MultiplyAddEstimate(Vector.Load(x + p), Vector.Load(y + p), s0);
                s1 = Vector.MultiplyAddEstimate(Vector.Load(x + p + w), Vector.Load(y + p + w), s1);
            }

            for (; p <= k - w; p += w)
            {
                s0 = Vector.MultiplyAddEstimate(Vector.Load(x + p), Vector.Load(y + p), s0);
            }

            s = Vector.Sum(s0 + s1);
        }

        for (; p < k; p++)
        {
            s = float.MultiplyAddEstimate(x[p], y[p], s);
        }

        return s;
    }

    private static void Store(float* c, Vector<float> acc, float alpha, float beta)
    {
        var y = acc * alpha;
        Vector.Store(beta == 0f ? y : Vector.MultiplyAddEstimate(Vector.Load(c), new Vector<float>(beta), y), c);
    }

    // beta = 0 must not read c: it may hold NaN garbage.
    private static float Update(float c, float acc, float alpha, float beta) =>
        beta == 0f ? acc * alpha : float.MultiplyAddEstimate(c, beta, acc * alpha);
}
