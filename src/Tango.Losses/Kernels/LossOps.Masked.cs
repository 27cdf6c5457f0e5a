using System.Buffers;
using Tango.Core;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Tango.Losses.Kernels;

internal static partial class LossOps
{
    /// <summary>
    /// Row-wise log Σ exp over the kept entries of an affine map of <paramref name="mat"/>:
    /// y[i] = log(Σ_{j: mask[i, j]} exp(scale·mat[i, j] + shift) [+ e⁰ when <paramref name="addOne"/>]), max-shifted;
    /// a row with no kept entry gives 0 (PML's <c>lmu.logsumexp</c> with a keep mask). Backward:
    /// d mat[i, j] = g[i]·scale·exp(x[i, j] − y[i]) on kept entries. Each row's kept entries are gathered into a
    /// compact buffer first, so sparse masks (positives) cost only their entries.
    /// </summary>
    // mat: (n, m), mask: n·m bytes (1 = keep) -> y: (n)
    public static Tensor MaskedRowLogSumExp(Tensor mat, byte[] mask, float scale, float shift, bool addOne)
    {
        int n = mat.Dim(0), m = mat.Dim(1);
        var y = Tensor.Uninitialized([n]);
        var values = ArrayPool<float>.Shared.Rent(m);
        var columns = ArrayPool<int>.Shared.Rent(m);
        var v = mat.Buffer;
        var ys = y.Span;
        for (int i = 0; i < n; i++)
        {
            int count = Gather(v.AsSpan(i * m, m), mask.AsSpan(i * m, m), scale, shift, values, columns);
            ys[i] = count == 0 ? 0f : LogSumExp(values.AsSpan(0, count), addOne);
        }

        ArrayPool<float>.Shared.Return(values);
        ArrayPool<int>.Shared.Return(columns);
        return y.Record("MaskedRowLogSumExp", [mat], g => MaskedRowLogSumExpBackward(mat, mask, scale, shift, y, g));
    }

    private static void MaskedRowLogSumExpBackward(Tensor mat, byte[] mask, float scale, float shift, Tensor y,
        Tensor g)
    {
        int n = mat.Dim(0), m = mat.Dim(1);
        var d = Tensor.Zeros(mat.Shape);
        var ds = d.Buffer;
        var mv = mat.Buffer;
        var gs = g.Span;
        var yv = y.Span;
        var values = ArrayPool<float>.Shared.Rent(m);
        var columns = ArrayPool<int>.Shared.Rent(m);
        for (int i = 0; i < n; i++)
        {
            int count = gs[i] == 0
                ? 0
                : Gather(mv.AsSpan(i * m, m), mask.AsSpan(i * m, m), scale, shift, values, columns);
            if (count == 0)
            {
                continue;
            }

            // exp(x − y) is the softmax weight of each kept entry.
            var w = values.AsSpan(0, count);
            TensorPrimitives.Subtract(w, yv[i], w);
            TensorPrimitives.Exp(w, w);
            float c = gs[i] * scale;
            var drow = ds.AsSpan(i * m, m);
            for (int k = 0; k < count; k++)
            {
                drow[columns[k]] = c * w[k];
            }
        }

        ArrayPool<float>.Shared.Return(values);
        ArrayPool<int>.Shared.Return(columns);
        mat.AccumulateGrad(d);
    }

    // The kept entries' scale·v + shift and their columns; returns how many.
    private static int Gather(ReadOnlySpan<float> row, ReadOnlySpan<byte> keep, float scale, float shift,
        float[] values, int[] columns)
    {
        int count = 0;
        for (int j = 0; j < row.Length; j++)
        {
            if (keep[j] != 0)
            {
                values[count] = scale * row[j] + shift;
                columns[count++] = j;
            }
        }

        return count;
    }

    // log Σ exp(x) [+ e⁰], max-shifted, over a non-empty x (overwritten).
    private static float LogSumExp(Span<float> x, bool addOne)
    {
        float max = TensorPrimitives.Max(x);
        if (addOne)
        {
            max = MathF.Max(max, 0f);
        }

        if (float.IsNegativeInfinity(max))
        {
            return max;
        }

        TensorPrimitives.Subtract(x, max, x);
        TensorPrimitives.Exp(x, x);
        float sum = TensorPrimitives.Sum(x) + (addOne ? MathF.Exp(-max) : 0f);
        return max + MathF.Log(sum);
    }
}
