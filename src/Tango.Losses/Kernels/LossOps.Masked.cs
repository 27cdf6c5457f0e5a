using System.Buffers;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Tango.Core;

namespace Tango.Losses.Kernels;

internal static partial class LossOps
{
    /// <summary>
    /// Row-wise log Σ exp over the kept entries of an affine map of <paramref name="mat"/>:
    /// y[i] = log(Σ_{j: mask[i, j]} exp(scale·mat[i, j] + shift) [+ e⁰ when <paramref name="addOne"/>]), max-shifted;
    /// a row with no kept entry gives 0 (PML's <c>lmu.logsumexp</c> with a keep mask). Backward:
    /// d mat[i, j] = g[i]·scale·exp(x[i, j] − y[i]) on kept entries.
    /// </summary>
    // mat: (n, m), mask: n·m bytes (1 = keep) -> y: (n)
    public static Tensor MaskedRowLogSumExp(Tensor mat, byte[] mask, float scale, float shift, bool addOne)
    {
        int n = mat.Dim(0), m = mat.Dim(1);
        var y = Tensor.Uninitialized([n]);
        var x = ArrayPool<float>.Shared.Rent(m);
        var v = mat.Span;
        var ys = y.Span;
        for (int i = 0; i < n; i++)
        {
            var xi = x.AsSpan(0, m);
            bool any = Affine(v.Slice(i * m, m), mask.AsSpan(i * m, m), scale, shift, xi);
            ys[i] = any ? LogSumExp(xi, addOne) : 0f;
        }

        ArrayPool<float>.Shared.Return(x);
        return y.Record("MaskedRowLogSumExp", [mat], g =>
        {
            var d = Tensor.Uninitialized(mat.Shape);
            var ds = d.Span;
            var mv = mat.Span;
            var gs = g.Span;
            var yv = y.Span;
            for (int i = 0; i < n; i++)
            {
                var drow = ds.Slice(i * m, m);
                if (gs[i] == 0 || !Affine(mv.Slice(i * m, m), mask.AsSpan(i * m, m), scale, shift, drow))
                {
                    drow.Clear();
                    continue;
                }

                // exp(x − y) is the softmax weight; masked entries hold −∞ and get exactly 0.
                TensorPrimitives.Subtract(drow, yv[i], drow);
                TensorPrimitives.Exp(drow, drow);
                TensorPrimitives.Multiply(drow, gs[i] * scale, drow);
            }

            mat.AccumulateGrad(d);
        });
    }

    // x[j] = scale·row[j] + shift where kept, −∞ elsewhere; returns whether any entry is kept.
    private static bool Affine(ReadOnlySpan<float> row, ReadOnlySpan<byte> keep, float scale, float shift,
        Span<float> x)
    {
        TensorPrimitives.Multiply(row, scale, x);
        TensorPrimitives.Add(x, shift, x);
        bool any = false;
        for (int j = 0; j < x.Length; j++)
        {
            if (keep[j] == 0)
            {
                x[j] = float.NegativeInfinity;
            }
            else
            {
                any = true;
            }
        }

        return any;
    }

    // log Σ exp(x) [+ e⁰], max-shifted; x holds at least one finite entry or −∞s only with addOne.
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
