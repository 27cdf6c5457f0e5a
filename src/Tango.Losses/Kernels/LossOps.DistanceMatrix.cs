using Tango.Core;
using Tango.Core.Kernels;

namespace Tango.Losses.Kernels;

/// <summary>Which matrix <see cref="LossOps.PairwiseMatrix"/> computes.</summary>
internal enum PairwiseKind
{
    /// <summary>q·r.</summary>
    Dot,

    /// <summary>‖q − r‖ = √max(‖q‖² + ‖r‖² − 2·q·r, 0).</summary>
    Euclidean,

    /// <summary>‖q − r‖², clamped at 0.</summary>
    SquaredEuclidean,
}

internal static partial class LossOps
{
    /// <summary>
    /// The dot-product or Euclidean matrix between the rows of <paramref name="x"/> and <paramref name="r"/> (x itself
    /// when null), optionally on L2-normalised rows, as one op: normalise, one GEMM for the Gram matrix, then the
    /// elementwise map. Backward (docs/derivations/pairwise-matrix.md) with C the upstream gradient (dot) or
    /// G/(2d) (Euclidean; G for squared; 0 where d = 0): dq̂ = C·r̂ (dot) or 2(rowsum(C)·q̂ − C·r̂) (Euclidean), dr̂
    /// likewise with Cᵀ, one GEMM each — a single GEMM with C + Cᵀ when r is x — then the normalisation backward.
    /// </summary>
    // x: (n, d), r: (m, d) -> y: (n, m)
    public static Tensor PairwiseMatrix(Tensor x, Tensor? r, PairwiseKind kind, bool normalize)
    {
        bool same = r is null;
        int n = x.Dim(0), d = x.Dim(1), m = same ? n : r!.Dim(0);
        var (xn, xNorms) = Prepared(x, normalize);
        var (rn, rNorms) = same ? (xn, xNorms) : Prepared(r!, normalize);
        var y = Tensor.Uninitialized([n, m]);
        var ys = y.Buffer;
        Gemm.Sgemm(false, true, n, m, d, 1f, xn, d, rn, d, 0f, ys, m);
        float[]? xSq = null, rSq = null;
        if (kind != PairwiseKind.Dot)
        {
            xSq = SquaredNorms(xn, n, d);
            rSq = same ? xSq : SquaredNorms(rn, m, d);
            ToEuclidean(ys, xSq, rSq, n, m, kind == PairwiseKind.SquaredEuclidean, same);
        }

        return y.Record("PairwiseMatrix", same ? [x] : [x, r!], g =>
        {
            var c = Coefficients(g.Buffer, ys, kind, n * m);
            var dxn = new float[n * d];
            if (same)
            {
                AddTranspose(c, n);
                Gemm.Sgemm(false, false, n, d, n, kind == PairwiseKind.Dot ? 1f : -2f, c, n, xn, d, 0f, dxn, d);
                if (kind != PairwiseKind.Dot)
                {
                    AddRowScaled(dxn, xn, RowSums(c, n, n), 2f, n, d);
                }

                Finish(x, dxn, xn, xNorms, normalize);
                return;
            }

            var drn = new float[m * d];
            float alpha = kind == PairwiseKind.Dot ? 1f : -2f;
            Gemm.Sgemm(false, false, n, d, m, alpha, c, m, rn, d, 0f, dxn, d);
            Gemm.Sgemm(true, false, m, d, n, alpha, c, m, xn, d, 0f, drn, d);
            if (kind != PairwiseKind.Dot)
            {
                AddRowScaled(dxn, xn, RowSums(c, n, m), 2f, n, d);
                AddRowScaled(drn, rn, ColumnSums(c, n, m), 2f, m, d);
            }

            Finish(x, dxn, xn, xNorms, normalize);
            Finish(r!, drn, rn, rNorms, normalize);
        });
    }

    private static (float[] Rows, float[]? Norms) Prepared(Tensor t, bool normalize)
    {
        int n = t.Dim(0), d = t.Dim(1);
        if (!normalize)
        {
            return (t.Buffer, null);
        }

        var rows = new float[n * d];
        var norms = new float[n];
        L2NormalizeKernel.Forward(t.Span, rows, norms, n, d, 1e-12f);
        return (rows, norms);
    }

    private static float[] SquaredNorms(float[] rows, int n, int d)
    {
        var sq = new float[n];
        for (int i = 0; i < n; i++)
        {
            sq[i] = System.Numerics.Tensors.TensorPrimitives.SumOfSquares(rows.AsSpan(i * d, d));
        }

        return sq;
    }

    // gram -> d (or d²) in place; the diagonal of a self-matrix is exactly 0.
    private static void ToEuclidean(float[] y, float[] xSq, float[] rSq, int n, int m, bool squared, bool same)
    {
        for (int i = 0; i < n; i++)
        {
            var row = y.AsSpan(i * m, m);
            float xi = xSq[i];
            for (int j = 0; j < m; j++)
            {
                float d2 = MathF.Max(xi + rSq[j] - 2f * row[j], 0f);
                row[j] = squared ? d2 : MathF.Sqrt(d2);
            }

            if (same)
            {
                row[i] = 0f;
            }
        }
    }

    private static float[] Coefficients(float[] g, float[] y, PairwiseKind kind, int count)
    {
        var c = new float[count];
        switch (kind)
        {
            case PairwiseKind.Dot:
                g.AsSpan(0, count).CopyTo(c);
                break;
            case PairwiseKind.SquaredEuclidean:
                for (int k = 0; k < count; k++)
                {
                    c[k] = y[k] > 0 ? g[k] : 0f;
                }

                break;
            default:
                for (int k = 0; k < count; k++)
                {
                    c[k] = y[k] > 0 ? g[k] / (2f * y[k]) : 0f;
                }

                break;
        }

        return c;
    }

    private static void AddTranspose(float[] c, int n)
    {
        for (int i = 0; i < n; i++)
        {
            for (int j = i; j < n; j++)
            {
                float s = c[i * n + j] + c[j * n + i];
                c[i * n + j] = s;
                c[j * n + i] = s;
            }
        }
    }

    private static float[] RowSums(float[] c, int n, int m)
    {
        var s = new float[n];
        for (int i = 0; i < n; i++)
        {
            s[i] = System.Numerics.Tensors.TensorPrimitives.Sum(c.AsSpan(i * m, m));
        }

        return s;
    }

    private static float[] ColumnSums(float[] c, int n, int m)
    {
        var s = new float[m];
        for (int i = 0; i < n; i++)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(s, c.AsSpan(i * m, m), s);
        }

        return s;
    }

    // dst_i += scale·w_i·rows_i
    private static void AddRowScaled(float[] dst, float[] rows, float[] w, float scale, int n, int d)
    {
        for (int i = 0; i < n; i++)
        {
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(rows.AsSpan(i * d, d), scale * w[i],
                dst.AsSpan(i * d, d), dst.AsSpan(i * d, d));
        }
    }

    // Through the normalisation (if any) into the input's gradient.
    private static void Finish(Tensor input, float[] dRows, float[] rows, float[]? norms, bool normalize)
    {
        if (!input.RequiresGrad)
        {
            return;
        }

        int n = input.Dim(0), d = input.Dim(1);
        var dx = Tensor.Uninitialized(input.Shape);
        if (normalize)
        {
            L2NormalizeKernel.Backward(dRows, rows, norms!, dx.Span, n, d, 1e-12f);
        }
        else
        {
            dRows.AsSpan().CopyTo(dx.Span);
        }

        input.AccumulateGrad(dx);
    }
}
