using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tango.Core.Kernels;

/// <summary>
/// Row-wise L2 normalisation y = x / max(‖x‖₂, eps) and its backward, a row at a time so the second pass over
/// a row reads it from cache. Backward (docs/derivations/l2-normalize.md): dx = (g − y·⟨g, y⟩) / max(‖x‖, eps)
/// where the norm reaches eps, and g / eps below it, where y = x / eps is linear in x.
/// </summary>
internal static class L2NormalizeKernel
{
    // x: (rows, d) -> y: (rows, d), norms: (rows) holding ‖x_r‖₂ before the eps clamp
    public static void Forward(ReadOnlySpan<float> x, Span<float> y, Span<float> norms, int rows, int d, float eps)
    {
        Validate(nameof(Forward), x.Length, y.Length, norms.Length, rows, d);
        for (int r = 0; r < rows; r++)
        {
            var xr = x.Slice(r * d, d);
            var yr = y.Slice(r * d, d);
            float norm = MathF.Sqrt(TensorPrimitives.SumOfSquares(xr));
            if (float.IsPositiveInfinity(norm) && TensorPrimitives.IsFiniteAll(xr))
            {
                // The sum of squares overflowed float although every value is finite: rescale by the largest
                // magnitude so the norm stays exact instead of turning the row into zeros.
                float m = MathF.Abs(TensorPrimitives.MaxMagnitude(xr));
                TensorPrimitives.Divide(xr, m, yr);
                norm = m * MathF.Sqrt(TensorPrimitives.SumOfSquares(yr));
            }

            norms[r] = norm;
            TensorPrimitives.Multiply(xr, 1f / MathF.Max(norm, eps), yr);
        }
    }

    // g: (rows, d), y: (rows, d), norms: (rows) from Forward -> dx: (rows, d)
    public static void Backward(ReadOnlySpan<float> g, ReadOnlySpan<float> y, ReadOnlySpan<float> norms, Span<float> dx,
        int rows, int d, float eps) => Backward(g, y, norms, dx, rows, d, eps, SimdPaths.Best);

    internal static void Backward(ReadOnlySpan<float> g, ReadOnlySpan<float> y, ReadOnlySpan<float> norms,
        Span<float> dx, int rows, int d, float eps, SimdWidth width)
    {
        Validate(nameof(Backward), g.Length, Math.Min(y.Length, dx.Length), norms.Length, rows, d);
        for (int r = 0; r < rows; r++)
        {
            var gr = g.Slice(r * d, d);
            var yr = y.Slice(r * d, d);
            // Below eps the denominator is the constant eps, so the projection term vanishes.
            float dot = norms[r] < eps ? 0f : TensorPrimitives.Dot(gr, yr);
            ScaledResidual(gr, yr, dot, 1f / MathF.Max(norms[r], eps), dx.Slice(r * d, d), width);
        }
    }

    // g: (n), y: (n) -> dx: (n) = (g − c·y)·s, fused into one pass as g·s + y·(−c·s)
    internal static void ScaledResidual(ReadOnlySpan<float> g, ReadOnlySpan<float> y, float c, float s,
        Span<float> dx, SimdWidth width)
    {
        int n = g.Length, i = 0;
        SimdPaths.RequireLength(nameof(ScaledResidual), n, g.Length, y.Length, dx.Length);
        ref float gRef = ref MemoryMarshal.GetReference(g);
        ref float yRef = ref MemoryMarshal.GetReference(y);
        ref float dRef = ref MemoryMarshal.GetReference(dx);
        float cs = -c * s;
        if (width >= SimdWidth.Vector256)
        {
            var vs = Vector256.Create(s);
            var vcs = Vector256.Create(cs);
            for (; i + Vector256<float>.Count <= n; i += Vector256<float>.Count)
            {
                var gs = Vector256.LoadUnsafe(ref gRef, (nuint)i) * vs;
                Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref yRef, (nuint)i), vcs, gs)
                    .StoreUnsafe(ref dRef, (nuint)i);
            }
        }

        if (width >= SimdWidth.Vector128)
        {
            var vs = Vector128.Create(s);
            var vcs = Vector128.Create(cs);
            for (; i + Vector128<float>.Count <= n; i += Vector128<float>.Count)
            {
                var gs = Vector128.LoadUnsafe(ref gRef, (nuint)i) * vs;
                Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref yRef, (nuint)i), vcs, gs)
                    .StoreUnsafe(ref dRef, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            dx[i] = g[i] * s + y[i] * cs;
        }
    }

    private static void Validate(string kernel, int aLength, int yLength, int normsLength, int rows, int d)
    {
        long size = (long)rows * d;
        if (rows < 0 || d < 0 || aLength < size || yLength < size || normsLength < rows)
        {
            throw new ArgumentException(
                $"L2NormalizeKernel.{kernel}: ({rows}, {d}) rows need {size} elements and {rows} norms; " +
                $"got spans of {aLength}, {yLength} and {normsLength}.");
        }
    }
}
