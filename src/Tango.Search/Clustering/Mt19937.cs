namespace Tango.Search.Clustering;

/// <summary>
/// The 32-bit Mersenne Twister (Matsumoto &amp; Nishimura 1998), bit-identical to C++ <c>std::mt19937</c>, with the
/// helpers of faiss's <c>RandomGenerator</c> (faiss/utils/random.cpp) built on it. It exists only so
/// <see cref="KMeansInit.RandomSample"/> draws exactly the points faiss's <c>Clustering</c> draws; everything else
/// in Tango uses <see cref="Tango.Core.Rng"/>.
/// </summary>
internal sealed class Mt19937
{
    private const int N = 624;
    private const int M = 397;
    private readonly uint[] _state = new uint[N];
    private int _index = N;

    public Mt19937(uint seed)
    {
        _state[0] = seed;
        for (int i = 1; i < N; i++)
        {
            _state[i] = 1812433253u * (_state[i - 1] ^ (_state[i - 1] >> 30)) + (uint)i;
        }
    }

    public uint Next()
    {
        if (_index >= N)
        {
            Twist();
        }

        uint y = _state[_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9D2C5680u;
        y ^= (y << 15) & 0xEFC60000u;
        return y ^ (y >> 18);
    }

    /// <summary>faiss <c>rand_int(max)</c>: mt() % max.</summary>
    public int NextInt(int max) => (int)(Next() % (uint)max);

    /// <summary>faiss <c>rand_float()</c>: mt() / float(mt.max()), in float arithmetic.</summary>
    public float NextFloat() => (float)Next() / (float)uint.MaxValue;

    /// <summary>faiss <c>rand_perm(perm, n, seed)</c>: Fisher–Yates over 0..n−1 driven by mt19937(seed).</summary>
    public static int[] Permutation(int n, long seed)
    {
        var perm = new int[n];
        for (int i = 0; i < n; i++)
        {
            perm[i] = i;
        }

        var rng = new Mt19937(unchecked((uint)seed));
        for (int i = 0; i + 1 < n; i++)
        {
            int j = i + rng.NextInt(n - i);
            (perm[i], perm[j]) = (perm[j], perm[i]);
        }

        return perm;
    }

    private void Twist()
    {
        for (int i = 0; i < N; i++)
        {
            uint y = (_state[i] & 0x80000000u) | (_state[(i + 1) % N] & 0x7FFFFFFFu);
            _state[i] = _state[(i + M) % N] ^ (y >> 1) ^ ((y & 1u) != 0 ? 0x9908B0DFu : 0u);
        }

        _index = 0;
    }
}
