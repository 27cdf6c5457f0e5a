using System.Numerics.Tensors;

namespace Tango.Core.Kernels;

/// <summary>1-D reduction kernels shared by tensor ops.</summary>
internal static class Reductions
{
    /// <summary>Sum of a span (TensorPrimitives uses several vector accumulators).</summary>
    public static float Sum(ReadOnlySpan<float> x) => TensorPrimitives.Sum(x);

    // x: (outer, n, inner) viewed flat -> y: (outer, inner), summing over the middle axis.
    public static void SumAxis(ReadOnlySpan<float> x, Span<float> y, int outer, int n, int inner)
    {
        y.Clear();
        for (int o = 0; o < outer; o++)
        {
            var dst = y.Slice(o * inner, inner);
            if (inner == 1)
            {
                dst[0] = TensorPrimitives.Sum(x.Slice(o * n, n));
                continue;
            }

            for (int i = 0; i < n; i++)
            {
                TensorPrimitives.Add(dst, x.Slice((o * n + i) * inner, inner), dst);
            }
        }
    }

    /// <summary>Splits a shape around <paramref name="axis"/> into (outer, n, inner) extents.</summary>
    public static (int Outer, int N, int Inner) Split(ReadOnlySpan<int> shape, int axis)
    {
        int outer = 1, inner = 1;
        for (int i = 0; i < axis; i++)
        {
            outer *= shape[i];
        }

        for (int i = axis + 1; i < shape.Length; i++)
        {
            inner *= shape[i];
        }

        return (outer, shape[axis], inner);
    }
}
