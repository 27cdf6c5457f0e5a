using Tango.Core.Kernels;

namespace Tango.Core;

// Max, Min and their arguments. The gradient of Max/Min goes to the first extreme of each lane only (PyTorch's
// max over a dim; also used for the all-elements form, where PyTorch would split it among ties). NaN counts as
// the extreme. Indices are int[] (row-major over the reduced shape): they cannot carry a gradient, and int
// avoids float's 2^24 limit on exact indices.
public sealed partial class Tensor
{
    /// <summary>Maximum along <paramref name="axis"/>; the gradient goes to the first maximum of each lane.</summary>
    // x: (..., n, ...) -> y: (..., [1], ...)
    public Tensor Max(int axis, bool keepDim = false) => Extreme(axis, keepDim, max: true, "Max");

    /// <summary>Minimum along <paramref name="axis"/>; the gradient goes to the first minimum of each lane.</summary>
    public Tensor Min(int axis, bool keepDim = false) => Extreme(axis, keepDim, max: false, "Min");

    /// <summary>Maximum of all elements (rank 0); the gradient goes to the first maximum.</summary>
    public Tensor Max() => Flat("Max").Extreme(0, keepDim: false, max: true, "Max");

    /// <summary>Minimum of all elements (rank 0); the gradient goes to the first minimum.</summary>
    public Tensor Min() => Flat("Min").Extreme(0, keepDim: false, max: false, "Min");

    /// <summary>Index of the first maximum of lane along <paramref name="axis"/> (row-major over the rest).</summary>
    public int[] ArgMax(int axis) => Reduce(axis, keepDim: false, max: true, "ArgMax").Index;

    /// <summary>Index of the first minimum of lane along <paramref name="axis"/> (row-major over the rest).</summary>
    public int[] ArgMin(int axis) => Reduce(axis, keepDim: false, max: false, "ArgMin").Index;

    /// <summary>Flat (row-major) index of the first maximum of all elements.</summary>
    public int ArgMax() => Flat("ArgMax").Reduce(0, keepDim: false, max: true, "ArgMax").Index[0];

    /// <summary>Flat (row-major) index of the first minimum of all elements.</summary>
    public int ArgMin() => Flat("ArgMin").Reduce(0, keepDim: false, max: false, "ArgMin").Index[0];

    private Tensor Extreme(int axis, bool keepDim, bool max, string op)
    {
        var (index, y, n, inner) = Reduce(axis, keepDim, max, op);
        return y.Record(op, [this], g =>
        {
            // dx is zero except at each lane's chosen element, which receives that lane's gradient.
            var dx = Zeros(Shape);
            ReadOnlySpan<float> gv = g.Span;
            Span<float> dv = dx.Span;
            for (int r = 0; r < index.Length; r++)
            {
                dv[((r / inner) * n + index[r]) * inner + r % inner] = gv[r];
            }

            AccumulateGrad(dx);
        });
    }

    private (int[] Index, Tensor Values, int N, int Inner) Reduce(int axis, bool keepDim, bool max, string op)
    {
        int ax = Shapes.NormalizeAxis(axis, Shape, op);
        var (outer, n, inner) = Reductions.Split(Shape, ax);
        if (n == 0)
        {
            throw new ArgumentException($"{op}: cannot reduce over axis {axis}, of extent 0 in shape {ShapeString}.");
        }

        var index = new int[outer * inner];
        var y = Uninitialized(ReducedShape(ax, keepDim));
        var rows = Lanes.AsRows(Span, outer, n, inner, out var rented);
        ArgExtreme.Rows(rows, outer * inner, n, max, index, y.Span);
        Lanes.ReturnRows(rented);
        return (index, y, n, inner);
    }

    // A rank-1 view of all elements for the all-elements reductions (the recorded Reshape carries the gradient).
    private Tensor Flat(string op)
    {
        if (Size == 0)
        {
            throw new ArgumentException($"{op}: the tensor of shape {ShapeString} is empty.");
        }

        return Reshape(Size);
    }
}
