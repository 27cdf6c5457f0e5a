using System.Numerics.Tensors;

namespace Tango.Core.Kernels;

/// <summary>
/// Index-driven copies: whole slices selected along an axis (index_select and its scatter-add), and PyTorch's
/// elementwise gather/scatter_add. Indices are validated before anything is read or written.
/// </summary>
internal static class GatherScatter
{
    // x: (outer, n, inner), idx: (k) in [0, n) -> y: (outer, k, inner), y[o, t, :] = x[o, idx[t], :]
    public static void SelectSlices(ReadOnlySpan<float> x, ReadOnlySpan<int> idx, Span<float> y, int outer, int n,
        int inner)
    {
        int k = idx.Length;
        for (int o = 0; o < outer; o++)
        {
            for (int t = 0; t < k; t++)
            {
                x.Slice((o * n + idx[t]) * inner, inner).CopyTo(y.Slice((o * k + t) * inner, inner));
            }
        }
    }

    // g: (outer, k, inner), idx: (k) in [0, n) -> dx: (outer, n, inner) += g at idx (repeats accumulate)
    public static void AddSlices(ReadOnlySpan<float> g, ReadOnlySpan<int> idx, Span<float> dx, int outer, int n,
        int inner)
    {
        int k = idx.Length;
        for (int o = 0; o < outer; o++)
        {
            for (int t = 0; t < k; t++)
            {
                var dst = dx.Slice((o * n + idx[t]) * inner, inner);
                TensorPrimitives.Add(dst, g.Slice((o * k + t) * inner, inner), dst);
            }
        }
    }

    // x: xShape, index: indexShape (same rank; extents ≤ xShape off the axis) -> y: indexShape,
    // y[p] = x[p with p[axis] := index[p]]
    public static void Gather(ReadOnlySpan<float> x, ReadOnlySpan<int> xShape, ReadOnlySpan<int> index,
        ReadOnlySpan<int> indexShape, int axis, Span<float> y)
    {
        Span<int> offsets = index.Length <= 1024 ? stackalloc int[index.Length] : new int[index.Length];
        Offsets(xShape, indexShape, index, axis, offsets);
        for (int p = 0; p < offsets.Length; p++)
        {
            y[p] = x[offsets[p]];
        }
    }

    // src: indexShape, index: indexShape -> y: yShape (zeroed by the caller), y[p with p[axis] := index[p]] += src[p]
    public static void ScatterAdd(ReadOnlySpan<float> src, ReadOnlySpan<int> index, ReadOnlySpan<int> indexShape,
        int axis, Span<float> y, ReadOnlySpan<int> yShape)
    {
        Span<int> offsets = index.Length <= 1024 ? stackalloc int[index.Length] : new int[index.Length];
        Offsets(yShape, indexShape, index, axis, offsets);
        for (int p = 0; p < offsets.Length; p++)
        {
            y[offsets[p]] += src[p];
        }
    }

    // The flat offset into a tensor of `shape` of every position p of `indexShape`, with p[axis] := index[p].
    private static void Offsets(ReadOnlySpan<int> shape, ReadOnlySpan<int> indexShape, ReadOnlySpan<int> index,
        int axis, Span<int> offsets)
    {
        Span<int> t = stackalloc int[Tensor.MaxRank];
        Span<int> s = stackalloc int[Tensor.MaxRank];
        Shapes.Pad4(indexShape, t);
        Shapes.Pad4(shape, s);
        int ax = axis + Tensor.MaxRank - shape.Length;
        Span<int> stride = stackalloc int[Tensor.MaxRank];
        for (int d = Tensor.MaxRank - 1, acc = 1; d >= 0; acc *= s[d], d--)
        {
            stride[d] = acc;
        }

        int p = 0;
        for (int i0 = 0; i0 < t[0]; i0++)
        {
            for (int i1 = 0; i1 < t[1]; i1++)
            {
                for (int i2 = 0; i2 < t[2]; i2++)
                {
                    for (int i3 = 0; i3 < t[3]; i3++, p++)
                    {
                        int at = i0 * stride[0] + i1 * stride[1] + i2 * stride[2] + i3 * stride[3];
                        int along = ax switch { 0 => i0, 1 => i1, 2 => i2, _ => i3 };
                        offsets[p] = at + (index[p] - along) * stride[ax];
                    }
                }
            }
        }
    }
}
