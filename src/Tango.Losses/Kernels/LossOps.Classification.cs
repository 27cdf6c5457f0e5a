using System.Buffers;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Tango.Core;

namespace Tango.Losses.Kernels;

/// <summary>A value and its derivative, for target-logit transforms with a hand-written slope.</summary>
internal readonly record struct ValueSlope(float Value, float Slope);

internal static partial class LossOps
{
    /// <summary>
    /// Softmax cross-entropy per row: y[i] = log Σ_j exp(z[i, j]) − z[i, labels[i]], max-shifted
    /// (PyTorch's <c>cross_entropy(reduction="none")</c>).
    /// Backward: d z[i, j] = g[i]·(softmax(z)[i, j] − δ(j, labels[i])).
    /// </summary>
    // z: (n, c), labels: (n) in [0, c) -> y: (n)
    public static Tensor CrossEntropy(Tensor z, int[] labels)
    {
        int n = z.Dim(0), c = z.Dim(1);
        var y = Tensor.Uninitialized([n]);
        var lse = new float[n];
        var scratch = ArrayPool<float>.Shared.Rent(c);
        var zs = z.Span;
        var ys = y.Span;
        for (int i = 0; i < n; i++)
        {
            var row = zs.Slice(i * c, c);
            lse[i] = RowLogSumExp(row, scratch.AsSpan(0, c));
            ys[i] = lse[i] - row[labels[i]];
        }

        ArrayPool<float>.Shared.Return(scratch);
        return y.Record("CrossEntropy", [z], g =>
        {
            var d = Tensor.Uninitialized(z.Shape);
            var ds = d.Span;
            var zv = z.Span;
            var gs = g.Span;
            for (int i = 0; i < n; i++)
            {
                var drow = ds.Slice(i * c, c);
                TensorPrimitives.Subtract(zv.Slice(i * c, c), lse[i], drow);
                TensorPrimitives.Exp(drow, drow);
                drow[labels[i]] -= 1f;
                TensorPrimitives.Multiply(drow, gs[i], drow);
            }

            z.AccumulateGrad(d);
        });
    }

    /// <summary>
    /// A copy of <paramref name="x"/> whose target entries x[i, labels[i]] are replaced by f(x[i, labels[i]]): the
    /// margin of the large-margin softmax family. Backward: the gradient passes unchanged except at the targets,
    /// where it is multiplied by f's slope.
    /// </summary>
    // x: (n, c), labels: (n) -> y: (n, c)
    public static Tensor ReplaceTargets(Tensor x, int[] labels, Func<float, ValueSlope> f)
    {
        int n = x.Dim(0), c = x.Dim(1);
        var y = Tensor.Uninitialized(x.Shape);
        var ys = y.Span;
        x.Span.CopyTo(ys);
        var slopes = new float[n];
        for (int i = 0; i < n; i++)
        {
            var r = f(ys[i * c + labels[i]]);
            ys[i * c + labels[i]] = r.Value;
            slopes[i] = r.Slope;
        }

        return y.Record("ReplaceTargets", [x], g =>
        {
            var d = Tensor.Uninitialized(x.Shape);
            var ds = d.Span;
            g.Span.CopyTo(ds);
            for (int i = 0; i < n; i++)
            {
                ds[i * c + labels[i]] *= slopes[i];
            }

            x.AccumulateGrad(d);
        });
    }

    /// <summary>
    /// The largest of each group of <paramref name="groupSize"/> consecutive columns (sub-centres of a class).
    /// Backward: the gradient goes to the first maximal entry of each group (as <c>torch.max(dim)</c>).
    /// </summary>
    // x: (n, c·k) -> y: (n, c)
    public static Tensor GroupMax(Tensor x, int groupSize)
    {
        int n = x.Dim(0), groups = x.Dim(1) / groupSize;
        var y = Tensor.Uninitialized([n, groups]);
        var arg = new int[n * groups];
        var xs = x.Span;
        var ys = y.Span;
        for (int g = 0; g < n * groups; g++)
        {
            int best = g * groupSize;
            for (int k = 1; k < groupSize; k++)
            {
                if (xs[g * groupSize + k] > xs[best])
                {
                    best = g * groupSize + k;
                }
            }

            arg[g] = best;
            ys[g] = xs[best];
        }

        return y.Record("GroupMax", [x], gy =>
        {
            var d = Tensor.Zeros(x.Shape);
            var ds = d.Span;
            var gs = gy.Span;
            for (int g = 0; g < arg.Length; g++)
            {
                ds[arg[g]] = gs[g];
            }

            x.AccumulateGrad(d);
        });
    }

    /// <summary>
    /// The softmax-weighted mean of each group of <paramref name="groupSize"/> consecutive columns (SoftTriple's
    /// relaxed similarity to a class, Qian et al. 2019, eq. 8): y = Σ_k p_k·x_k with p = softmax(γ·x) over the
    /// group. Backward: ∂y/∂x_k = p_k·(1 + γ·(x_k − y)).
    /// </summary>
    // x: (n, c·k) -> y: (n, c)
    public static Tensor GroupSoftPool(Tensor x, int groupSize, float gamma)
    {
        int n = x.Dim(0), m = x.Dim(1), groups = m / groupSize;
        var y = Tensor.Uninitialized([n, groups]);
        var p = new float[x.Size];
        var xs = x.Span;
        var ys = y.Span;
        for (int i = 0; i < n; i++)
        {
            // One vectorised exp per row, shifted by the row's maximum; a group whose terms all underflow
            // (possible only for unnormalised similarities) is redone with its own maximum.
            var xr = xs.Slice(i * m, m);
            var pr = p.AsSpan(i * m, m);
            TensorPrimitives.Multiply(xr, gamma, pr);
            TensorPrimitives.Subtract(pr, TensorPrimitives.Max(pr), pr);
            TensorPrimitives.Exp(pr, pr);
            for (int g = 0; g < groups; g++)
            {
                var xg = xr.Slice(g * groupSize, groupSize);
                var pg = pr.Slice(g * groupSize, groupSize);
                float sum = 0f;
                foreach (float v in pg)
                {
                    sum += v;
                }

                if (!(sum >= 1e-30f))
                {
                    TensorPrimitives.Multiply(xg, gamma, pg);
                    TensorPrimitives.SoftMax(pg, pg);
                    sum = 1f;
                }

                float dot = 0f, inv = 1f / sum;
                for (int k = 0; k < groupSize; k++)
                {
                    pg[k] *= inv;
                    dot += pg[k] * xg[k];
                }

                ys[i * groups + g] = dot;
            }
        }

        return y.Record("GroupSoftPool", [x], gy =>
        {
            var d = Tensor.Uninitialized(x.Shape);
            var ds = d.Span;
            var xv = x.Span;
            var yv = y.Span;
            var gs = gy.Span;
            for (int g = 0, at = 0; g < gs.Length; g++)
            {
                float gg = gs[g], yg = yv[g];
                for (int k = 0; k < groupSize; k++, at++)
                {
                    ds[at] = gg * p[at] * (1f + gamma * (xv[at] - yg));
                }
            }

            x.AccumulateGrad(d);
        });
    }

    // log Σ exp(row), max-shifted, using scratch (same length) for the shifted exponentials.
    private static float RowLogSumExp(ReadOnlySpan<float> row, Span<float> scratch)
    {
        float max = TensorPrimitives.Max(row);
        if (float.IsInfinity(max))
        {
            return max;
        }

        TensorPrimitives.Subtract(row, max, scratch);
        TensorPrimitives.Exp(scratch, scratch);
        return max + MathF.Log(TensorPrimitives.Sum(scratch));
    }
}
