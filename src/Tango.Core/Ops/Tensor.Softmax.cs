using Tango.Core.Kernels;

namespace Tango.Core;

// Softmax, log-softmax and log-sum-exp along an axis. The last axis runs the fused row kernels in place; any
// other axis goes through a transposed copy (Kernels/Lanes.cs). All are max-shifted.
public sealed partial class Tensor
{
    /// <summary>exp(x − max) / Σ exp(x − max) along <paramref name="axis"/>. Backward: dx = y ⊙ (g − ⟨g, y⟩).</summary>
    // x: (..., n, ...) -> y: same shape, each lane along axis sums to 1
    public Tensor Softmax(int axis = -1)
    {
        var (outer, n, inner) = Reductions.Split(Shape, Shapes.NormalizeAxis(axis, Shape, "Softmax"));
        var y = Uninitialized(Shape);
        Lanes.Map(Span, [], y.Span, outer, n, inner,
            static (xs, _, ys, rows, d) => SoftmaxKernel.Softmax(xs, ys, rows, d));
        return y.Record("Softmax", [this], g =>
        {
            var dx = Uninitialized(Shape);
            Lanes.Map(g.Span, y.Span, dx.Span, outer, n, inner,
                static (gs, ys, dxs, rows, d) => SoftmaxKernel.SoftmaxBackward(gs, ys, dxs, rows, d));
            AccumulateGrad(dx);
        });
    }

    /// <summary>
    /// log softmax along <paramref name="axis"/>, computed as (x − max) − log Σ exp(x − max) (never the log of a
    /// softmax, which underflows). Backward: dx = g − softmax(x)·Σg.
    /// </summary>
    // x: (..., n, ...) -> y: same shape
    public Tensor LogSoftmax(int axis = -1)
    {
        var (outer, n, inner) = Reductions.Split(Shape, Shapes.NormalizeAxis(axis, Shape, "LogSoftmax"));
        var y = Uninitialized(Shape);
        Lanes.Map(Span, [], y.Span, outer, n, inner,
            static (xs, _, ys, rows, d) => SoftmaxKernel.LogSoftmax(xs, ys, rows, d));
        return y.Record("LogSoftmax", [this], g =>
        {
            var dx = Uninitialized(Shape);
            Lanes.Map(g.Span, y.Span, dx.Span, outer, n, inner,
                static (gs, ys, dxs, rows, d) => SoftmaxKernel.LogSoftmaxBackward(gs, ys, dxs, rows, d));
            AccumulateGrad(dx);
        });
    }

    /// <summary>
    /// log Σ exp(x) along <paramref name="axis"/>, max-shifted (−∞ over an empty axis or an all −∞ lane).
    /// Backward: dx = g·exp(x − y), the softmax.
    /// </summary>
    // x: (..., n, ...) -> y: (..., [1], ...)
    public Tensor LogSumExp(int axis, bool keepDim = false)
    {
        int ax = Shapes.NormalizeAxis(axis, Shape, "LogSumExp");
        var (outer, n, inner) = Reductions.Split(Shape, ax);
        var kept = ReducedShape(ax, keepDim: true);
        var y = Uninitialized(keepDim ? kept : ReducedShape(ax, keepDim: false));
        var rows = Lanes.AsRows(Span, outer, n, inner, out var rented);
        SoftmaxKernel.LogSumExp(rows, y.Span, outer * inner, n);
        Lanes.ReturnRows(rented);
        return y.Record("LogSumExp", [this], g => AccumulateGrad(Sub(y.Reshape(kept)).Exp().Mul(g.Reshape(kept))));
    }

    /// <summary>log Σ exp(x) over all elements, as a rank-0 tensor (−∞ when empty).</summary>
    public Tensor LogSumExp()
    {
        var y = Scalar(0f);
        SoftmaxKernel.LogSumExp(Span, y.Span, 1, Size);
        return y.Record("LogSumExp", [this], g => AccumulateGrad(Sub(y).Exp().Mul(g)));
    }
}
