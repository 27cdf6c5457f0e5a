using System.Runtime.Intrinsics;

namespace Tango.Core.Kernels;

/// <summary>
/// The widest vector path an own SIMD kernel may use. Production calls pass <see cref="SimdPaths.Best"/>;
/// tests pass each value so the 256-bit, 128-bit and scalar paths are all checked on every machine (the
/// 256-bit path still runs, emulated, where the hardware lacks it).
/// </summary>
internal enum SimdWidth
{
    Scalar = 0,
    Vector128 = 128,
    Vector256 = 256,
}

/// <summary>Picks the width the hardware runs natively (AVX2 off -> 128-bit, as CI's second run does).</summary>
internal static class SimdPaths
{
    public static readonly SimdWidth Best =
        Vector256.IsHardwareAccelerated ? SimdWidth.Vector256
        : Vector128.IsHardwareAccelerated ? SimdWidth.Vector128
        : SimdWidth.Scalar;

    /// <summary>Throws unless every span holds at least <paramref name="n"/> elements (before unsafe loads).</summary>
    public static void RequireLength(string kernel, int n, int aLength, int bLength, int yLength)
    {
        if (n < 0 || aLength < n || bLength < n || yLength < n)
        {
            throw new ArgumentException(
                $"{kernel}: spans of lengths {aLength}, {bLength}, {yLength} are shorter than n = {n}.");
        }
    }
}
