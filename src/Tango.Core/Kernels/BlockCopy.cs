using System.Numerics.Tensors;

namespace Tango.Core.Kernels;

/// <summary>Copies a run of indices along one axis between tensors that agree on every other axis.</summary>
internal static class BlockCopy
{
    // src: (outer, srcN, inner), dst: (outer, dstN, inner):
    // dst[:, dstStart + t, :] = (or +=) src[:, srcStart + t, :] for t < length
    public static void Copy(ReadOnlySpan<float> src, int srcN, int srcStart, Span<float> dst, int dstN, int dstStart,
        int length, int outer, int inner, bool accumulate = false)
    {
        int run = length * inner;
        for (int o = 0; o < outer; o++)
        {
            var from = src.Slice((o * srcN + srcStart) * inner, run);
            var to = dst.Slice((o * dstN + dstStart) * inner, run);
            if (accumulate)
            {
                TensorPrimitives.Add(to, from, to);
            }
            else
            {
                from.CopyTo(to);
            }
        }
    }
}
