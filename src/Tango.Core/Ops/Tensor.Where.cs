using Tango.Core.Kernels;

namespace Tango.Core;

public sealed partial class Tensor
{
    /// <summary>
    /// Elementwise select: <paramref name="a"/> where <paramref name="mask"/> is non-zero (NaN counts as
    /// non-zero), else <paramref name="b"/>, broadcasting all three. The gradient goes to a where it was chosen
    /// and to b elsewhere; the mask gets none.
    /// </summary>
    // mask, a, b: broadcastable -> y: the broadcast shape
    public static Tensor Where(Tensor mask, Tensor a, Tensor b)
    {
        var y = WhereKernel.Select(mask, a, b, "Where");
        return y.Record("Where", [a, b], g =>
        {
            var zero = Scalar(0f);
            if (a.RequiresGrad)
            {
                a.AccumulateGrad(WhereKernel.Select(mask, g, zero, "Where"));
            }

            if (b.RequiresGrad)
            {
                b.AccumulateGrad(WhereKernel.Select(mask, zero, g, "Where"));
            }
        });
    }

    /// <summary>
    /// A copy with <paramref name="value"/> where <paramref name="mask"/> (broadcast to this shape) is non-zero.
    /// The gradient passes where the mask is zero.
    /// </summary>
    public Tensor MaskedFill(Tensor mask, float value)
    {
        var shape = Shapes.Broadcast(mask.Shape, Shape, "MaskedFill");
        if (!Shapes.Equal(shape, Shape))
        {
            throw new ArgumentException(
                $"MaskedFill: mask shape {mask.ShapeString} does not broadcast to the tensor's shape {ShapeString}.");
        }

        return Where(mask, Scalar(value), this);
    }
}
