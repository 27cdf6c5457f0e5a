using Tango.Core.Kernels;
using Tango.TestKit;

namespace Tango.Core.Tests.Kernels;

/// <summary>SIMD widths as ints, for theory data (SimdWidth itself is internal).</summary>
public static class SimdBits
{
    public const int Scalar = (int)SimdWidth.Scalar;
    public const int Vector128 = (int)SimdWidth.Vector128;
    public const int Vector256 = (int)SimdWidth.Vector256;
}

/// <summary>Inputs and comparisons shared by the kernel tests: every length, unaligned slices.</summary>
internal static class KernelCases
{
    public const int MaxLength = 300;

    /// <summary>Lengths 0..300, each at offsets 1..3 into a bigger array (so loads are unaligned).</summary>
    public static IEnumerable<(int N, int Offset)> LengthsAndOffsets()
    {
        for (int n = 0; n <= MaxLength; n++)
        {
            for (int offset = 1; offset <= 3; offset++)
            {
                yield return (n, offset);
            }
        }
    }

    /// <summary>n uniform values in [low, high) starting at <paramref name="offset"/> of a padded array.</summary>
    public static float[] Padded(ulong seed, int n, int offset, float low = -1f, float high = 1f)
    {
        var values = SeededCases.Uniform(seed, n, low, high);
        var buffer = new float[n + offset + 5];
        Array.Fill(buffer, float.NaN); // anything read outside the slice poisons the result
        values.CopyTo(buffer, offset);
        return buffer;
    }

    /// <summary>Asserts |actual − expected| ≤ rtol·(|expected| + scale) elementwise (scale: typical size).</summary>
    public static void CloseScaled(ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, double scale,
        double rtol, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double bound = rtol * (Math.Abs(expected[i]) + scale);
            if (!(actual[i] == expected[i] || Math.Abs(actual[i] - expected[i]) <= bound))
            {
                Assert.Fail($"{what}[{i}] (n = {expected.Length}): expected {expected[i]:G9}, got {actual[i]:G9}, " +
                            $"bound {bound:G3}.");
            }
        }
    }
}
