namespace Tango.Core.Kernels;

/// <summary>
/// Broadcasting drivers. Shapes are right-aligned and padded to rank 4; the innermost axis is handled as a
/// span (both sides contiguous) or a span against one scalar (one side broadcast), so row, column and scalar
/// broadcasts all run vectorised inner loops.
/// </summary>
internal static class Broadcasting
{
    // a: broadcastable to b's shape or vice versa -> y: the broadcast shape
    public static Tensor Binary<TOp>(Tensor a, Tensor b, string op) where TOp : IBinaryOp
    {
        if (Shapes.Equal(a.Shape, b.Shape))
        {
            var same = Tensor.Uninitialized(a.Shape);
            TOp.Apply(a.Span, b.Span, same.Span);
            return same;
        }

        var shape = Shapes.Broadcast(a.Shape, b.Shape, op);
        var y = Tensor.Uninitialized(shape);
        if (b.Size == 1 && a.Size == y.Size)
        {
            TOp.Apply(a.Span, b.Span[0], y.Span);
            return y;
        }

        if (a.Size == 1 && b.Size == y.Size)
        {
            TOp.Apply(a.Span[0], b.Span, y.Span);
            return y;
        }

        General<TOp>(a, b, y);
        return y;
    }

    private static void General<TOp>(Tensor a, Tensor b, Tensor y) where TOp : IBinaryOp
    {
        Span<int> o = stackalloc int[4];
        Span<int> sa = stackalloc int[4];
        Span<int> sb = stackalloc int[4];
        Shapes.Pad4(y.Shape, o);
        Shapes.BroadcastStrides4(a.Shape, o, sa);
        Shapes.BroadcastStrides4(b.Shape, o, sb);
        ReadOnlySpan<float> av = a.Span, bv = b.Span;
        Span<float> yv = y.Span;
        int n = o[3], oy = 0;
        for (int i0 = 0; i0 < o[0]; i0++)
        {
            for (int i1 = 0; i1 < o[1]; i1++)
            {
                for (int i2 = 0; i2 < o[2]; i2++, oy += n)
                {
                    int oa = i0 * sa[0] + i1 * sa[1] + i2 * sa[2];
                    int ob = i0 * sb[0] + i1 * sb[1] + i2 * sb[2];
                    var dst = yv.Slice(oy, n);
                    if (sa[3] == 0)
                    {
                        TOp.Apply(av[oa], bv.Slice(ob, n), dst);
                    }
                    else if (sb[3] == 0)
                    {
                        TOp.Apply(av.Slice(oa, n), bv[ob], dst);
                    }
                    else
                    {
                        TOp.Apply(av.Slice(oa, n), bv.Slice(ob, n), dst);
                    }
                }
            }
        }
    }

    /// <summary>Sums <paramref name="g"/> over the axes along which <paramref name="shape"/> was broadcast to g's shape.</summary>
    // g: broadcast shape -> result: shape
    public static Tensor SumToShape(Tensor g, ReadOnlySpan<int> shape)
    {
        var result = Tensor.Zeros(shape);
        if (result.Size == 1)
        {
            result.Span[0] = Reductions.Sum(g.Span);
            return result;
        }

        Span<int> o = stackalloc int[4];
        Span<int> st = stackalloc int[4];
        Shapes.Pad4(g.Shape, o);
        Shapes.BroadcastStrides4(shape, o, st);
        ReadOnlySpan<float> gv = g.Span;
        Span<float> rv = result.Span;
        int n = o[3], og = 0;
        for (int i0 = 0; i0 < o[0]; i0++)
        {
            for (int i1 = 0; i1 < o[1]; i1++)
            {
                for (int i2 = 0; i2 < o[2]; i2++, og += n)
                {
                    int ot = i0 * st[0] + i1 * st[1] + i2 * st[2];
                    if (st[3] == 0)
                    {
                        rv[ot] += Reductions.Sum(gv.Slice(og, n));
                    }
                    else
                    {
                        var dst = rv.Slice(ot, n);
                        System.Numerics.Tensors.TensorPrimitives.Add(dst, gv.Slice(og, n), dst);
                    }
                }
            }
        }

        return result;
    }
}
