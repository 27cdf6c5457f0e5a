using Tango.Core;

namespace Tango.Losses.Kernels;

/// <summary>
/// Small fused autograd ops the losses share. Each computes its forward in one pass over plain arrays and
/// records its own backward beside it, so a loss never materialises masks or temporaries it does not need.
/// </summary>
internal static partial class LossOps
{
    /// <summary>
    /// A rank-0 zero that depends on <paramref name="anchor"/>: its backward adds a zero gradient, so a loss
    /// with nothing to learn from still backpropagates and leaves a (zero) gradient, like PML's
    /// <c>sum(embeddings * 0)</c>.
    /// </summary>
    public static Tensor ZeroLoss(Tensor anchor) =>
        Tensor.Scalar(0f).Record("ZeroLoss", [anchor], _ => anchor.AccumulateGrad(Tensor.Zeros(anchor.Shape)));

    /// <summary>The entries mat[rows[k], cols[k]]; the gradient scatter-adds back (repeats accumulate).</summary>
    // mat: (n, m), rows/cols: (k) -> y: (k)
    public static Tensor GatherPairs(Tensor mat, int[] rows, int[] cols)
    {
        int m = mat.Dim(1);
        var y = Tensor.Uninitialized([rows.Length]);
        var v = mat.Span;
        var ys = y.Span;
        for (int k = 0; k < rows.Length; k++)
        {
            ys[k] = v[rows[k] * m + cols[k]];
        }

        return y.Record("GatherPairs", [mat], g =>
        {
            var d = Tensor.Zeros(mat.Shape);
            var ds = d.Span;
            var gs = g.Span;
            for (int k = 0; k < rows.Length; k++)
            {
                ds[rows[k] * m + cols[k]] += gs[k];
            }

            mat.AccumulateGrad(d);
        });
    }

    /// <summary>
    /// log Σ exp over the values of each segment: y[s] = log Σ_{k: segments[k] = s} exp(values[k]), max-shifted;
    /// −∞ for an empty segment. Backward: the softmax within the segment. Runs of equal segment ids (pairs listed
    /// anchor by anchor, as from labels) are reduced with vector kernels; any order is accepted.
    /// </summary>
    // values, segments: (k), segments in [0, count) -> y: (count)
    public static Tensor SegmentLogSumExp(Tensor values, int[] segments, int count)
    {
        var y = Tensor.Full(float.NegativeInfinity, count);
        var v = values.Buffer;
        var ys = y.Span;
        bool runs = IsSorted(segments);
        if (runs)
        {
            var buffer = System.Buffers.ArrayPool<float>.Shared.Rent(Math.Max(1, LongestRun(segments)));
            foreach (var (start, length) in Runs(segments))
            {
                var tmp = buffer.AsSpan(0, length);
                v.AsSpan(start, length).CopyTo(tmp);
                ys[segments[start]] = LogSumExp(tmp, addOne: false);
            }

            System.Buffers.ArrayPool<float>.Shared.Return(buffer);
        }
        else
        {
            ScalarSegmentLogSumExp(v, segments, ys);
        }

        return y.Record("SegmentLogSumExp", [values], g =>
        {
            var d = Tensor.Uninitialized(values.Shape);
            var ds = d.Buffer;
            var gs = g.Span;
            var yv = y.Span;
            if (runs)
            {
                foreach (var (start, length) in Runs(segments))
                {
                    int s = segments[start];
                    var span = ds.AsSpan(start, length);
                    System.Numerics.Tensors.TensorPrimitives.Subtract(v.AsSpan(start, length), yv[s], span);
                    System.Numerics.Tensors.TensorPrimitives.Exp(span, span);
                    System.Numerics.Tensors.TensorPrimitives.Multiply(span, gs[s], span);
                }
            }
            else
            {
                for (int k = 0; k < segments.Length; k++)
                {
                    int s = segments[k];
                    ds[k] = gs[s] == 0 ? 0f : gs[s] * MathF.Exp(v[k] - yv[s]);
                }
            }

            values.AccumulateGrad(d);
        });
    }

    private static void ScalarSegmentLogSumExp(float[] v, int[] segments, Span<float> ys)
    {
        for (int k = 0; k < segments.Length; k++)
        {
            ys[segments[k]] = MathF.Max(ys[segments[k]], v[k]);
        }

        var sums = new double[ys.Length];
        for (int k = 0; k < segments.Length; k++)
        {
            sums[segments[k]] += Math.Exp(v[k] - ys[segments[k]]);
        }

        for (int s = 0; s < ys.Length; s++)
        {
            ys[s] = sums[s] > 0 ? ys[s] + (float)Math.Log(sums[s]) : float.NegativeInfinity;
        }
    }

    private static bool IsSorted(int[] segments)
    {
        for (int k = 1; k < segments.Length; k++)
        {
            if (segments[k] < segments[k - 1])
            {
                return false;
            }
        }

        return true;
    }

    private static IEnumerable<(int Start, int Length)> Runs(int[] segments)
    {
        int start = 0;
        for (int k = 1; k <= segments.Length; k++)
        {
            if (k == segments.Length || segments[k] != segments[start])
            {
                yield return (start, k - start);
                start = k;
            }
        }
    }

    private static int LongestRun(int[] segments) => segments.Length == 0 ? 0 : Runs(segments).Max(r => r.Length);

    /// <summary>
    /// log(e^x[a] + e^x[b]) for each pair (just x[a] when a = b), and <paramref name="emptyValue"/> where both
    /// are −∞ (no gradient there). Combines per-anchor log-sum-exps into per-pair ones without a pair × pair
    /// matrix.
    /// </summary>
    // x: (n), a/b: (k) -> y: (k)
    public static Tensor PairLogAddExp(Tensor x, int[] a, int[] b, float emptyValue)
    {
        var y = Tensor.Uninitialized([a.Length]);
        var xs = x.Span;
        var ys = y.Span;
        for (int k = 0; k < a.Length; k++)
        {
            float u = xs[a[k]], w = a[k] == b[k] ? float.NegativeInfinity : xs[b[k]];
            float max = MathF.Max(u, w);
            ys[k] = float.IsNegativeInfinity(max)
                ? emptyValue
                : max + MathF.Log(MathF.Exp(u - max) + MathF.Exp(w - max));
        }

        return y.Record("PairLogAddExp", [x], g =>
        {
            var d = Tensor.Zeros(x.Shape);
            var ds = d.Span;
            var gs = g.Span;
            var xv = x.Span;
            var yv = y.Span;
            for (int k = 0; k < a.Length; k++)
            {
                float u = xv[a[k]], w = a[k] == b[k] ? float.NegativeInfinity : xv[b[k]];
                if (float.IsNegativeInfinity(MathF.Max(u, w)))
                {
                    continue;
                }

                ds[a[k]] += gs[k] * MathF.Exp(u - yv[k]);
                if (a[k] != b[k])
                {
                    ds[b[k]] += gs[k] * MathF.Exp(w - yv[k]);
                }
            }

            x.AccumulateGrad(d);
        });
    }
}
