using Tango.Core.Kernels;

namespace Tango.Core;

// Slicing, concatenation and axes of extent 1. All copy (tensors are always contiguous).
public sealed partial class Tensor
{
    /// <summary>
    /// Elements <paramref name="start"/> .. start + length − 1 along <paramref name="axis"/> (a copy; PyTorch's
    /// narrow). A negative start counts from the end. The gradient is copied back into that range.
    /// </summary>
    // x: (..., n, ...) -> y: (..., length, ...)
    public Tensor Slice(int axis, int start, int length)
    {
        int ax = Shapes.NormalizeAxis(axis, Shape, "Slice");
        int n = _shape[ax];
        int s = start < 0 ? start + n : start;
        if (s < 0 || length < 0 || (long)s + length > n)
        {
            throw new ArgumentOutOfRangeException(nameof(start),
                $"Slice: start {start} and length {length} do not fit axis {axis} of extent {n} in shape " +
                $"{ShapeString}.");
        }

        var (outer, _, inner) = Reductions.Split(Shape, ax);
        var shape = (int[])_shape.Clone();
        shape[ax] = length;
        var y = Uninitialized(shape);
        BlockCopy.Copy(Span, n, s, y.Span, length, 0, length, outer, inner);
        return y.Record("Slice", [this], g =>
        {
            var dx = Zeros(Shape);
            BlockCopy.Copy(g.Span, length, 0, dx.Span, n, s, length, outer, inner);
            AccumulateGrad(dx);
        });
    }

    /// <summary>
    /// Joins <paramref name="parts"/> along <paramref name="axis"/>; they must agree on every other axis. Each
    /// part gets back its own range of the gradient.
    /// </summary>
    // parts[p]: (..., n_p, ...) -> y: (..., Σ n_p, ...)
    public static Tensor Concat(Tensor[] parts, int axis)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Length == 0)
        {
            throw new ArgumentException("Concat: needs at least one tensor.", nameof(parts));
        }

        parts = (Tensor[])parts.Clone(); // the graph keeps this array; the caller's may change
        var first = parts[0];
        int ax = Shapes.NormalizeAxis(axis, first.Shape, "Concat");
        var shape = (int[])first.ShapeArray.Clone();
        shape[ax] = 0;
        foreach (var part in parts)
        {
            RequireSameExceptAxis(first, part, ax, "Concat");
            shape[ax] += part.Dim(ax);
        }

        var (outer, _, inner) = Reductions.Split(first.Shape, ax);
        int total = shape[ax];
        var y = Uninitialized(shape);
        int at = 0;
        foreach (var part in parts)
        {
            BlockCopy.Copy(part.Span, part.Dim(ax), 0, y.Span, total, at, part.Dim(ax), outer, inner);
            at += part.Dim(ax);
        }

        return y.Record("Concat", parts, g =>
        {
            int from = 0;
            foreach (var part in parts)
            {
                int n = part.Dim(ax);
                if (part.RequiresGrad)
                {
                    var piece = Uninitialized(part.Shape);
                    BlockCopy.Copy(g.Span, total, from, piece.Span, n, 0, n, outer, inner);
                    part.AccumulateGrad(piece);
                }

                from += n;
            }
        });
    }

    /// <summary>
    /// Removes <paramref name="axis"/>, which must have extent 1 (unlike PyTorch, which silently leaves other
    /// extents alone, this throws).
    /// </summary>
    public Tensor Squeeze(int axis)
    {
        int ax = Shapes.NormalizeAxis(axis, Shape, "Squeeze");
        if (_shape[ax] != 1)
        {
            throw new ArgumentException(
                $"Squeeze: axis {axis} has extent {_shape[ax]}, not 1, in shape {ShapeString}.", nameof(axis));
        }

        return Reshape(ReducedShape(ax, keepDim: false));
    }

    /// <summary>Inserts an axis of extent 1 at <paramref name="axis"/> (−rank − 1 ≤ axis ≤ rank).</summary>
    public Tensor Unsqueeze(int axis)
    {
        int ax = axis < 0 ? axis + Rank + 1 : axis;
        if (ax < 0 || ax > Rank || Rank == MaxRank)
        {
            throw new ArgumentOutOfRangeException(nameof(axis),
                $"Unsqueeze: cannot insert axis {axis} into shape {ShapeString} (result rank at most {MaxRank}).");
        }

        var shape = new List<int>(_shape);
        shape.Insert(ax, 1);
        return Reshape([.. shape]);
    }

    private static void RequireSameExceptAxis(Tensor first, Tensor other, int axis, string op)
    {
        bool same = first.Rank == other.Rank;
        for (int d = 0; same && d < first.Rank; d++)
        {
            same = d == axis || first.Dim(d) == other.Dim(d);
        }

        if (!same)
        {
            throw new ArgumentException(
                $"{op}: shapes {first.ShapeString} and {other.ShapeString} differ outside axis {axis}.");
        }
    }
}
