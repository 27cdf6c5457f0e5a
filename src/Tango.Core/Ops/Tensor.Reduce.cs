using Tango.Core.Kernels;

namespace Tango.Core;

public sealed partial class Tensor
{
    /// <summary>Sum of all elements, as a rank-0 tensor.</summary>
    public Tensor Sum()
    {
        var y = Scalar(Reductions.Sum(Span));
        return y.Record("Sum", [this], g => AccumulateGrad(Full(g.Span[0], Shape)));
    }

    /// <summary>Sum over <paramref name="axis"/>; keeps it as extent 1 when <paramref name="keepDim"/>.</summary>
    // x: (..., n, ...) -> y: (..., [1], ...)
    public Tensor Sum(int axis, bool keepDim = false)
    {
        int ax = Shapes.NormalizeAxis(axis, Rank);
        var (outer, n, inner) = Reductions.Split(Shape, ax);
        var keptShape = ReducedShape(ax, keepDim: true);
        var y = Uninitialized(keepDim ? keptShape : ReducedShape(ax, keepDim: false));
        Reductions.SumAxis(Span, y.Span, outer, n, inner);
        return y.Record("SumAxis", [this], g => AccumulateGrad(g.Reshape(keptShape).Add(Zeros(Shape))));
    }

    /// <summary>Mean of all elements.</summary>
    public Tensor Mean() => Sum().Mul(1f / Math.Max(1, Size));

    /// <summary>Mean over <paramref name="axis"/>.</summary>
    public Tensor Mean(int axis, bool keepDim = false) =>
        Sum(axis, keepDim).Mul(1f / Math.Max(1, Dim(axis)));

    /// <summary>The shape with <paramref name="axis"/> removed, or set to 1.</summary>
    internal int[] ReducedShape(int axis, bool keepDim)
    {
        var list = new List<int>(_shape);
        if (keepDim)
        {
            list[axis] = 1;
        }
        else
        {
            list.RemoveAt(axis);
        }

        return [.. list];
    }
}
