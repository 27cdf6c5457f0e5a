using Tango.Core.Kernels;

namespace Tango.Core;

// Integer indexing: IndexSelect (whole slices, e.g. rows of an embedding matrix), and PyTorch's Gather and
// ScatterAdd. Each op's backward is the other kind of move: a gather's gradient is a scatter-add and vice versa.
// Index arrays are copied, so later changes by the caller cannot corrupt a recorded backward pass.
public sealed partial class Tensor
{
    /// <summary>
    /// The slices at <paramref name="indices"/> along <paramref name="axis"/>, in that order (repeats allowed;
    /// PyTorch's index_select). The gradient is scatter-added back, so repeated indices accumulate.
    /// </summary>
    // x: (..., n, ...), indices: (k) in [0, n) -> y: (..., k, ...)
    public Tensor IndexSelect(int axis, int[] indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        int ax = Shapes.NormalizeAxis(axis, Shape, "IndexSelect");
        var (outer, n, inner) = Reductions.Split(Shape, ax);
        var idx = (int[])indices.Clone();
        CheckIndexValues("IndexSelect", idx, [idx.Length], axis, n);
        var shape = (int[])_shape.Clone();
        shape[ax] = idx.Length;
        var y = Uninitialized(shape);
        GatherScatter.SelectSlices(Span, idx, y.Span, outer, n, inner);
        return y.Record("IndexSelect", [this], g =>
        {
            var dx = Zeros(Shape);
            GatherScatter.AddSlices(g.Span, idx, dx.Span, outer, n, inner);
            AccumulateGrad(dx);
        });
    }

    /// <summary>
    /// PyTorch's gather: y has the index's shape and y[p] = x[p with p[axis] replaced by index[p]]; for a rank-2
    /// x and axis 1, y[i, j] = x[i, index[i, j]]. <paramref name="index"/> is row-major in
    /// <paramref name="indexShape"/>, which has x's rank and extents no larger than x's off the axis. The
    /// gradient is scatter-added back.
    /// </summary>
    public Tensor Gather(int axis, int[] index, params int[] indexShape)
    {
        ArgumentNullException.ThrowIfNull(index);
        int ax = Shapes.NormalizeAxis(axis, Shape, "Gather");
        var idx = (int[])index.Clone();
        var ishape = (int[])indexShape.Clone();
        CheckIndexShape("Gather", _shape, ishape, idx.Length, ax, "input");
        CheckIndexValues("Gather", idx, ishape, axis, _shape[ax]);
        var y = Uninitialized(ishape);
        GatherScatter.Gather(Span, _shape, idx, ishape, ax, y.Span);
        return y.Record("Gather", [this], g =>
        {
            var dx = Zeros(Shape);
            GatherScatter.ScatterAdd(g.Span, idx, ishape, ax, dx.Span, _shape);
            AccumulateGrad(dx);
        });
    }

    /// <summary><see cref="Gather(int, int[], int[])"/> with the indices as whole numbers in a float tensor.</summary>
    public Tensor Gather(int axis, Tensor index) => Gather(axis, ToIndices(index, "Gather"), index.ShapeArray);

    /// <summary>
    /// PyTorch's scatter_add into zeros of <paramref name="shape"/>: y[p with p[axis] replaced by index[p]] +=
    /// source[p] for every position p of <paramref name="source"/> (index is row-major in source's shape,
    /// which has the result's rank and extents no larger off the axis). Differentiable with respect to the
    /// source: its gradient is the gather of g at the same indices.
    /// </summary>
    public static Tensor ScatterAdd(int[] shape, int axis, int[] index, Tensor source)
    {
        ArgumentNullException.ThrowIfNull(index);
        var yShape = (int[])shape.Clone();
        Shapes.Validate(yShape);
        int ax = Shapes.NormalizeAxis(axis, yShape, "ScatterAdd");
        var idx = (int[])index.Clone();
        CheckIndexShape("ScatterAdd", yShape, source.ShapeArray, idx.Length, ax, "result");
        CheckIndexValues("ScatterAdd", idx, source.Shape, axis, yShape[ax]);
        var y = Zeros(yShape);
        GatherScatter.ScatterAdd(source.Span, idx, source.Shape, ax, y.Span, yShape);
        return y.Record("ScatterAdd", [source], g =>
        {
            var ds = Uninitialized(source.Shape);
            GatherScatter.Gather(g.Span, yShape, idx, source.Shape, ax, ds.Span);
            source.AccumulateGrad(ds);
        });
    }

    private static void CheckIndexShape(string op, int[] shape, int[] indexShape, int indexCount, int axis,
        string role)
    {
        bool ok = indexShape.Length == shape.Length && Shapes.SizeOf(indexShape) == indexCount;
        for (int d = 0; ok && d < shape.Length; d++)
        {
            ok = d == axis || indexShape[d] <= shape[d];
        }

        if (!ok)
        {
            throw new ArgumentException(
                $"{op}: index shape {Shapes.Format(indexShape)} ({indexCount} indices given) must have the {role}'s " +
                $"rank and size, with extents no larger than the {role} shape {Shapes.Format(shape)} off axis {axis}.");
        }
    }

    private static void CheckIndexValues(string op, int[] index, ReadOnlySpan<int> indexShape, int axis, int n)
    {
        for (int p = 0; p < index.Length; p++)
        {
            if ((uint)index[p] >= (uint)n)
            {
                throw new ArgumentOutOfRangeException(nameof(index),
                    $"{op}: index {index[p]} at position {Position(p, indexShape)} is out of range for axis {axis} " +
                    $"of extent {n}.");
            }
        }
    }

    private static int[] ToIndices(Tensor index, string op)
    {
        var values = index.Span;
        var result = new int[values.Length];
        for (int p = 0; p < values.Length; p++)
        {
            float v = values[p];
            if (v != MathF.Round(v) || Math.Abs(v) > int.MaxValue)
            {
                throw new ArgumentException(
                    $"{op}: the index tensor holds {v} at position {Position(p, index.Shape)}; indices must be " +
                    "whole numbers.");
            }

            result[p] = (int)v;
        }

        return result;
    }

    // The multi-index of flat position p in shape, as "(i, j)".
    private static string Position(int p, ReadOnlySpan<int> shape)
    {
        var at = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            at[d] = shape[d] == 0 ? 0 : p % shape[d];
            p = shape[d] == 0 ? p : p / shape[d];
        }

        return Shapes.Format(at);
    }
}
