using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tango.Core.Kernels;

/// <summary>
/// Softmax, log-softmax and log-sum-exp over contiguous rows, and the fused backward passes
/// (docs/derivations/softmax.md). Every row is shifted by its maximum, so each exponent is ≤ 0 and nothing
/// overflows; a row whose maximum is ±∞ is not shifted (an all −∞ row then has log-sum-exp −∞, as PyTorch).
/// The exp-and-sum pass is one own SIMD loop; the rest are TensorPrimitives calls on the row.
/// </summary>
internal static class SoftmaxKernel
{
    // x: (rows, n) -> y: (rows, n), y = exp(x − max) / Σ exp(x − max) per row
    public static void Softmax(ReadOnlySpan<float> x, Span<float> y, int rows, int n) =>
        Softmax(x, y, rows, n, SimdPaths.Best);

    internal static void Softmax(ReadOnlySpan<float> x, Span<float> y, int rows, int n, SimdWidth width)
    {
        Validate(nameof(Softmax), rows, n, x.Length, y.Length, y.Length);
        for (int r = 0; r < rows && n > 0; r++)
        {
            var xr = x.Slice(r * n, n);
            var yr = y.Slice(r * n, n);
            float sum = ExpShiftSum(xr, Shift(xr), yr, width);
            TensorPrimitives.Multiply(yr, 1f / sum, yr);
        }
    }

    // x: (rows, n) -> y: (rows, n), y = (x − max) − ln Σ exp(x − max) per row (two subtractions: x − max is exact
    // near the maximum, where log-probabilities need their precision)
    public static void LogSoftmax(ReadOnlySpan<float> x, Span<float> y, int rows, int n) =>
        LogSoftmax(x, y, rows, n, SimdPaths.Best);

    internal static void LogSoftmax(ReadOnlySpan<float> x, Span<float> y, int rows, int n, SimdWidth width)
    {
        Validate(nameof(LogSoftmax), rows, n, x.Length, y.Length, y.Length);
        for (int r = 0; r < rows && n > 0; r++)
        {
            var xr = x.Slice(r * n, n);
            var yr = y.Slice(r * n, n);
            float shift = Shift(xr);
            float logSum = MathF.Log(ExpShiftSum(xr, shift, [], width));
            TensorPrimitives.Subtract(xr, shift, yr);
            TensorPrimitives.Subtract(yr, logSum, yr);
        }
    }

    // x: (rows, n) -> y: (rows), y = max + ln Σ exp(x − max) per row; −∞ for n = 0
    public static void LogSumExp(ReadOnlySpan<float> x, Span<float> y, int rows, int n) =>
        LogSumExp(x, y, rows, n, SimdPaths.Best);

    internal static void LogSumExp(ReadOnlySpan<float> x, Span<float> y, int rows, int n, SimdWidth width)
    {
        Validate(nameof(LogSumExp), rows, n, x.Length, x.Length, y.Length >= rows ? x.Length : -1);
        for (int r = 0; r < rows; r++)
        {
            var xr = x.Slice(r * n, n);
            float shift = n == 0 ? 0f : Shift(xr);
            y[r] = shift + MathF.Log(ExpShiftSum(xr, shift, [], width));
        }
    }

    // g: (rows, n), y: (rows, n) softmax output -> dx: (rows, n) = y ⊙ (g − ⟨g, y⟩) per row
    public static void SoftmaxBackward(ReadOnlySpan<float> g, ReadOnlySpan<float> y, Span<float> dx, int rows, int n)
    {
        Validate(nameof(SoftmaxBackward), rows, n, g.Length, y.Length, dx.Length);
        for (int r = 0; r < rows && n > 0; r++)
        {
            var gr = g.Slice(r * n, n);
            var yr = y.Slice(r * n, n);
            TensorPrimitives.AddMultiply(gr, -TensorPrimitives.Dot(gr, yr), yr, dx.Slice(r * n, n));
        }
    }

    // g: (rows, n), y: (rows, n) log-softmax output -> dx: (rows, n) = g − exp(y)·Σg per row
    public static void LogSoftmaxBackward(ReadOnlySpan<float> g, ReadOnlySpan<float> y, Span<float> dx, int rows,
        int n) => LogSoftmaxBackward(g, y, dx, rows, n, SimdPaths.Best);

    internal static void LogSoftmaxBackward(ReadOnlySpan<float> g, ReadOnlySpan<float> y, Span<float> dx, int rows,
        int n, SimdWidth width)
    {
        Validate(nameof(LogSoftmaxBackward), rows, n, g.Length, y.Length, dx.Length);
        for (int r = 0; r < rows && n > 0; r++)
        {
            var gr = g.Slice(r * n, n);
            SubExpScaled(gr, y.Slice(r * n, n), TensorPrimitives.Sum(gr), dx.Slice(r * n, n), width);
        }
    }

    private static float Shift(ReadOnlySpan<float> x)
    {
        float max = TensorPrimitives.Max(x);
        return float.IsInfinity(max) ? 0f : max;
    }

    // x: (n) -> returns Σ exp(x − shift), and writes y: (n) = exp(x − shift) unless y is empty
    internal static float ExpShiftSum(ReadOnlySpan<float> x, float shift, Span<float> y, SimdWidth width)
    {
        int n = x.Length, i = 0;
        bool store = !y.IsEmpty;
        SimdPaths.RequireLength(nameof(ExpShiftSum), n, n, n, store ? y.Length : n);
        ref float xRef = ref MemoryMarshal.GetReference(x);
        ref float yRef = ref MemoryMarshal.GetReference(y);
        float sum = 0f;
        if (width >= SimdWidth.Vector256)
        {
            const int w = 8;
            var s = Vector256.Create(shift);
            Vector256<float> acc0 = default, acc1 = default;
            for (; i + 2 * w <= n; i += 2 * w)
            {
                var e0 = Vector256.Exp(Vector256.LoadUnsafe(ref xRef, (nuint)i) - s);
                var e1 = Vector256.Exp(Vector256.LoadUnsafe(ref xRef, (nuint)(i + w)) - s);
                if (store)
                {
                    e0.StoreUnsafe(ref yRef, (nuint)i);
                    e1.StoreUnsafe(ref yRef, (nuint)(i + w));
                }

                acc0 += e0;
                acc1 += e1;
            }

            for (; i + w <= n; i += w)
            {
                var e = Vector256.Exp(Vector256.LoadUnsafe(ref xRef, (nuint)i) - s);
                if (store)
                {
                    e.StoreUnsafe(ref yRef, (nuint)i);
                }

                acc0 += e;
            }

            sum += Vector256.Sum(acc0 + acc1);
        }

        if (width >= SimdWidth.Vector128)
        {
            const int w = 4;
            var s = Vector128.Create(shift);
            Vector128<float> acc0 = default, acc1 = default;
            for (; i + 2 * w <= n; i += 2 * w)
            {
                var e0 = Vector128.Exp(Vector128.LoadUnsafe(ref xRef, (nuint)i) - s);
                var e1 = Vector128.Exp(Vector128.LoadUnsafe(ref xRef, (nuint)(i + w)) - s);
                if (store)
                {
                    e0.StoreUnsafe(ref yRef, (nuint)i);
                    e1.StoreUnsafe(ref yRef, (nuint)(i + w));
                }

                acc0 += e0;
                acc1 += e1;
            }

            for (; i + w <= n; i += w)
            {
                var e = Vector128.Exp(Vector128.LoadUnsafe(ref xRef, (nuint)i) - s);
                if (store)
                {
                    e.StoreUnsafe(ref yRef, (nuint)i);
                }

                acc0 += e;
            }

            sum += Vector128.Sum(acc0 + acc1);
        }

        for (; i < n; i++)
        {
            float e = MathF.Exp(x[i] - shift);
            if (store)
            {
                y[i] = e;
            }

            sum += e;
        }

        return sum;
    }

    // g: (n), y: (n) -> dx: (n) = g − exp(y)·s, fused into one pass
    internal static void SubExpScaled(ReadOnlySpan<float> g, ReadOnlySpan<float> y, float s, Span<float> dx,
        SimdWidth width)
    {
        int n = g.Length, i = 0;
        SimdPaths.RequireLength(nameof(SubExpScaled), n, n, y.Length, dx.Length);
        ref float gRef = ref MemoryMarshal.GetReference(g);
        ref float yRef = ref MemoryMarshal.GetReference(y);
        ref float dRef = ref MemoryMarshal.GetReference(dx);
        if (width >= SimdWidth.Vector256)
        {
            var ns = Vector256.Create(-s);
            for (; i + Vector256<float>.Count <= n; i += Vector256<float>.Count)
            {
                var e = Vector256.Exp(Vector256.LoadUnsafe(ref yRef, (nuint)i));
                Vector256.MultiplyAddEstimate(e, ns, Vector256.LoadUnsafe(ref gRef, (nuint)i))
                    .StoreUnsafe(ref dRef, (nuint)i);
            }
        }

        if (width >= SimdWidth.Vector128)
        {
            var ns = Vector128.Create(-s);
            for (; i + Vector128<float>.Count <= n; i += Vector128<float>.Count)
            {
                var e = Vector128.Exp(Vector128.LoadUnsafe(ref yRef, (nuint)i));
                Vector128.MultiplyAddEstimate(e, ns, Vector128.LoadUnsafe(ref gRef, (nuint)i))
                    .StoreUnsafe(ref dRef, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            dx[i] = g[i] - MathF.Exp(y[i]) * s;
        }
    }

    private static void Validate(string kernel, int rows, int n, long aLength, long bLength, long yLength)
    {
        long size = (long)rows * n;
        if (rows < 0 || n < 0 || aLength < size || bLength < size || yLength < size)
        {
            throw new ArgumentException(
                $"SoftmaxKernel.{kernel}: ({rows}, {n}) rows need {size} elements; got spans of {aLength}, " +
                $"{bLength} and {yLength}.");
        }
    }
}
