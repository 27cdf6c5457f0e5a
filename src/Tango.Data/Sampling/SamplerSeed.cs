namespace Tango.Data.Sampling;

/// <summary>Derives a generator seed for (seed, epoch, purpose) by SplitMix64 finalisation of each part.</summary>
internal static class SamplerSeed
{
    public static ulong For(ulong seed, int epoch, ulong purpose = 0)
    {
        ulong x = Mix(seed ^ 0x6A09E667F3BCC909UL);
        x = Mix(x ^ (ulong)(uint)epoch);
        return Mix(x ^ purpose);
    }

    public static Core.Rng Rng(ulong seed, int epoch, ulong purpose = 0) => new(For(seed, epoch, purpose));

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
