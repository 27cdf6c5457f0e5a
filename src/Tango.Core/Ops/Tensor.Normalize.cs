using Tango.Core.Kernels;

namespace Tango.Core;

public sealed partial class Tensor
{
    /// <summary>
    /// x / max(‖x‖₂, eps) along <paramref name="axis"/> (PyTorch's F.normalize with p = 2). Rows of the last axis
    /// run a fused kernel; other axes go through a transposed copy. Backward: dx = (g − y·⟨g, y⟩) / max(‖x‖, eps),
    /// or g / eps where the norm is below eps.
    /// </summary>
    // x: (..., d, ...) -> y: same shape, unit norm along axis
    public Tensor L2Normalize(int axis = -1, float eps = 1e-12f)
    {
        int ax = Shapes.NormalizeAxis(axis, Shape, "L2Normalize");
        if (!(eps >= 0) || float.IsInfinity(eps))
        {
            throw new ArgumentOutOfRangeException(nameof(eps),
                $"L2Normalize: eps must be finite and non-negative; got {eps} (input shape {ShapeString}).");
        }

        var (outer, n, inner) = Reductions.Split(Shape, ax);
        var norms = new float[outer * inner];
        var y = Uninitialized(Shape);
        Lanes.Map(Span, [], y.Span, outer, n, inner,
            (xs, _, ys, rows, d) => L2NormalizeKernel.Forward(xs, ys, norms, rows, d, eps));
        return y.Record("L2Normalize", [this], g =>
        {
            var dx = Uninitialized(Shape);
            Lanes.Map(g.Span, y.Span, dx.Span, outer, n, inner,
                (gs, ys, dxs, rows, d) => L2NormalizeKernel.Backward(gs, ys, norms, dxs, rows, d, eps));
            AccumulateGrad(dx);
        });
    }
}
