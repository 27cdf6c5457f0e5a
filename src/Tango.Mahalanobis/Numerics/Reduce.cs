using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tango.Mahalanobis.Numerics;

/// <summary>
/// Deterministic vectorised reductions. TensorPrimitives' Sum and Dot align their loads to the buffer's address,
/// so the grouping of the partial sums (and the last bits of the result) changes with where the GC placed the
/// array; these start at element 0 with four fixed accumulators, so equal inputs give equal bits on a given
/// machine and vector width — the learners' "same seed, same result" contract depends on it. The horizontal sum
/// is spelled out lane by lane because <c>Vector256.Sum</c> adds in a different order before and after tiered
/// re-compilation.
/// </summary>
internal static class Reduce
{
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException("Reduce.Dot: spans of different lengths.");
        }

        int n = a.Length, i = 0;
        double s = 0;
        if (Vector256.IsHardwareAccelerated && n >= 16)
        {
            ref double ra = ref MemoryMarshal.GetReference(a);
            ref double rb = ref MemoryMarshal.GetReference(b);
            Vector256<double> s0 = default, s1 = default, s2 = default, s3 = default;
            for (; i + 16 <= n; i += 16)
            {
                s0 += Vector256.LoadUnsafe(ref ra, (nuint)i) * Vector256.LoadUnsafe(ref rb, (nuint)i);
                s1 += Vector256.LoadUnsafe(ref ra, (nuint)(i + 4)) * Vector256.LoadUnsafe(ref rb, (nuint)(i + 4));
                s2 += Vector256.LoadUnsafe(ref ra, (nuint)(i + 8)) * Vector256.LoadUnsafe(ref rb, (nuint)(i + 8));
                s3 += Vector256.LoadUnsafe(ref ra, (nuint)(i + 12)) * Vector256.LoadUnsafe(ref rb, (nuint)(i + 12));
            }

            s = Horizontal((s0 + s1) + (s2 + s3));
        }

        for (; i < n; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }

    public static double Sum(ReadOnlySpan<double> a)
    {
        int n = a.Length, i = 0;
        double s = 0;
        if (Vector256.IsHardwareAccelerated && n >= 16)
        {
            ref double ra = ref MemoryMarshal.GetReference(a);
            Vector256<double> s0 = default, s1 = default, s2 = default, s3 = default;
            for (; i + 16 <= n; i += 16)
            {
                s0 += Vector256.LoadUnsafe(ref ra, (nuint)i);
                s1 += Vector256.LoadUnsafe(ref ra, (nuint)(i + 4));
                s2 += Vector256.LoadUnsafe(ref ra, (nuint)(i + 8));
                s3 += Vector256.LoadUnsafe(ref ra, (nuint)(i + 12));
            }

            s = Horizontal((s0 + s1) + (s2 + s3));
        }

        for (; i < n; i++)
        {
            s += a[i];
        }

        return s;
    }

    private static double Horizontal(Vector256<double> v) =>
        (v.GetElement(0) + v.GetElement(1)) + (v.GetElement(2) + v.GetElement(3));
}
