using Tango.Search.Clustering;

namespace Tango.Search.Tests.Clustering;

public class Mt19937Tests
{
    [Fact]
    public void MatchesStdMt19937()
    {
        // C++ [rand.predef]: the 10000th output of a default-constructed mt19937 (seed 5489) is 4123659995.
        var rng = new Mt19937(5489);
        Assert.Equal(3499211612u, rng.Next());
        for (int i = 2; i < 10000; i++)
        {
            rng.Next();
        }

        Assert.Equal(4123659995u, rng.Next());
    }

    [Fact]
    public void Permutation_IsAPermutation_AndDeterministic()
    {
        var p = Mt19937.Permutation(1000, 1235);
        Assert.Equal(Enumerable.Range(0, 1000), p.Order());
        Assert.Equal(p, Mt19937.Permutation(1000, 1235));
        Assert.NotEqual(p, Mt19937.Permutation(1000, 1234));
        Assert.Empty(Mt19937.Permutation(0, 1));
    }

    [Fact]
    public void NextFloat_IsInUnitInterval()
    {
        var rng = new Mt19937(1234);
        for (int i = 0; i < 1000; i++)
        {
            float f = rng.NextFloat();
            Assert.InRange(f, 0f, 1f);
        }
    }
}
