using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis.Tests;

public class ReduceTests
{
    // Every length 0..300 and every start offset 0..3 (so the vector loads are unaligned in every way a double
    // array can be), against a scalar loop in double; the tolerance scales with Σ|aᵢbᵢ| because the grouping of the
    // partial sums differs from the loop's.
    [Fact]
    public void DotAndSum_MatchScalarLoop_AtEveryLengthAndOffset()
    {
        var rng = new Tango.Core.Rng(11);
        var a = Enumerable.Range(0, 310).Select(_ => rng.NextNormal() * 3.0).ToArray();
        var b = Enumerable.Range(0, 310).Select(_ => rng.NextNormal() - 0.5).ToArray();
        for (int offset = 0; offset < 4; offset++)
        {
            for (int n = 0; n <= 300; n++)
            {
                ReadOnlySpan<double> sa = a.AsSpan(offset, n), sb = b.AsSpan(offset + 3 - offset % 2, n);
                double dot = 0, abs = 0, sum = 0, absSum = 0;
                for (int i = 0; i < n; i++)
                {
                    dot += sa[i] * sb[i];
                    abs += Math.Abs(sa[i] * sb[i]);
                    sum += sa[i];
                    absSum += Math.Abs(sa[i]);
                }

                Assert.Equal(dot, Reduce.Dot(sa, sb), 1e-14 * (abs + 1));
                Assert.Equal(sum, Reduce.Sum(sa), 1e-14 * (absSum + 1));
            }
        }
    }

    // The grouping starts at element 0 whatever the address: the same values at another offset give the same bits.
    [Fact]
    public void DotAndSum_DoNotDependOnTheBuffersAddress()
    {
        var rng = new Tango.Core.Rng(12);
        var v = Enumerable.Range(0, 257).Select(_ => rng.NextNormal() * 1e3).ToArray();
        var w = Enumerable.Range(0, 257).Select(_ => (double)rng.NextNormal()).ToArray();
        for (int offset = 1; offset < 8; offset++)
        {
            var (sv, sw) = (new double[257 + offset], new double[257 + offset]);
            v.CopyTo(sv, offset);
            w.CopyTo(sw, offset);
            Assert.Equal(Reduce.Dot(v, w), Reduce.Dot(sv.AsSpan(offset), sw.AsSpan(offset)));
            Assert.Equal(Reduce.Sum(v), Reduce.Sum(sv.AsSpan(offset)));
        }
    }

    [Fact]
    public void Dot_RejectsSpansOfDifferentLengths() =>
        Assert.Throws<ArgumentException>(() => Reduce.Dot(new double[3], new double[4]));

    // Small exact cases a wrong lane order or a dropped tail would miss.
    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(33)]
    public void Sum_OfIntegers_IsExact(int n)
    {
        var a = Enumerable.Range(1, n).Select(i => (double)i).ToArray();
        Assert.Equal(n * (n + 1) / 2.0, Reduce.Sum(a));
        Assert.Equal(Enumerable.Range(1, n).Sum(i => (double)i * i), Reduce.Dot(a, a));
    }
}
