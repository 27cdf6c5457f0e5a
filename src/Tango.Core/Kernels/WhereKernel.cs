namespace Tango.Core.Kernels;

/// <summary>Elementwise select with NumPy broadcasting of all three operands (shapes padded to rank 4).</summary>
internal static class WhereKernel
{
    // mask, a, b: broadcastable to one shape -> y: that shape, y = mask ≠ 0 ? a : b (a NaN mask counts as true)
    public static Tensor Select(Tensor mask, Tensor a, Tensor b, string op)
    {
        var shape = Shapes.Broadcast(Shapes.Broadcast(mask.Shape, a.Shape, op), b.Shape, op);
        var y = Tensor.Uninitialized(shape);
        Span<int> o = stackalloc int[4];
        Span<int> sm = stackalloc int[4];
        Span<int> sa = stackalloc int[4];
        Span<int> sb = stackalloc int[4];
        Shapes.Pad4(shape, o);
        Shapes.BroadcastStrides4(mask.Shape, o, sm);
        Shapes.BroadcastStrides4(a.Shape, o, sa);
        Shapes.BroadcastStrides4(b.Shape, o, sb);
        ReadOnlySpan<float> mv = mask.Span, av = a.Span, bv = b.Span;
        Span<float> yv = y.Span;
        int flat = 0;
        for (int i0 = 0; i0 < o[0]; i0++)
        {
            for (int i1 = 0; i1 < o[1]; i1++)
            {
                for (int i2 = 0; i2 < o[2]; i2++)
                {
                    int om = i0 * sm[0] + i1 * sm[1] + i2 * sm[2];
                    int oa = i0 * sa[0] + i1 * sa[1] + i2 * sa[2];
                    int ob = i0 * sb[0] + i1 * sb[1] + i2 * sb[2];
                    for (int i3 = 0; i3 < o[3]; i3++)
                    {
                        yv[flat++] = mv[om + i3 * sm[3]] != 0 ? av[oa + i3 * sa[3]] : bv[ob + i3 * sb[3]];
                    }
                }
            }
        }

        return y;
    }
}
