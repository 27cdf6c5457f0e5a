using Tango.Data.Sampling;

namespace Tango.Data.Tests.Sampling;

public class MPerClassSamplerTests
{
    private static int[] Labels(params int[] counts) =>
        counts.SelectMany((n, c) => Enumerable.Repeat(c * 10 - 5, n)).ToArray(); // labels -5, 5, 15, ...

    [Fact]
    public void EveryBatch_HasMPerClass_DistinctRowsWithinClass()
    {
        var y = Labels(30, 12, 50, 7, 20, 9);
        var sampler = new MPerClassSampler(y, m: 4, batchSize: 16, lengthBeforeNewIter: 200, seed: 1);
        Assert.Equal(192, sampler.Length);
        Assert.Equal(12, sampler.BatchesPerEpoch);
        var batches = sampler.Batches(0).ToList();
        Assert.Equal(12, batches.Count);
        foreach (var batch in batches)
        {
            Assert.Equal(16, batch.Length);
            var byClass = batch.GroupBy(r => y[r]).ToList();
            Assert.Equal(4, byClass.Count);
            Assert.All(byClass, g => Assert.Equal(4, g.Count()));
            // Classes with at least m rows are drawn without replacement.
            Assert.Equal(16, batch.Distinct().Count());
            // Each class's rows come in one block of m.
            for (int j = 0; j < 16; j += 4)
            {
                Assert.Single(batch.Skip(j).Take(4).Select(r => y[r]).Distinct());
            }
        }
    }

    [Fact]
    public void SmallClass_SampledWithReplacement()
    {
        int[] y = [0, 1, 1, 1, 1, 1];
        var sampler = new MPerClassSampler(y, m: 3, batchSize: 6, lengthBeforeNewIter: 60, seed: 2);
        foreach (var batch in sampler.Batches(0))
        {
            Assert.Equal(3, batch.Count(r => r == 0));
            Assert.Equal(3, batch.Where(r => r != 0).Distinct().Count());
        }
    }

    [Fact]
    public void EveryClass_Covered_AndRowsSpread()
    {
        var y = Labels(Enumerable.Repeat(25, 10).ToArray());
        var sampler = new MPerClassSampler(y, m: 5, batchSize: 20, lengthBeforeNewIter: null, seed: 3);
        Assert.Equal(240, sampler.Length); // 250 rows rounded down to a multiple of 20
        var all = sampler.Batches(0).SelectMany(b => b).ToArray();
        var perClass = all.GroupBy(r => y[r]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(10, perClass.Count);
        // 48 blocks of 5 over 10 classes: 24 rows each on average; a uniform choice stays well inside [5, 60].
        Assert.All(perClass.Values, n => Assert.InRange(n, 5, 60));
        Assert.True(all.Distinct().Count() > 150, "rows should be spread over the classes' members");
    }

    [Fact]
    public void Deterministic_PerSeedAndEpoch_IndependentOfCallOrder()
    {
        var y = Labels(20, 20, 20, 20);
        var a = new MPerClassSampler(y, 2, 8, 80, seed: 7);
        var b = new MPerClassSampler(y, 2, 8, 80, seed: 7);
        var e3 = a.Batches(3).ToList();
        _ = b.Batches(0).ToList();
        _ = b.Batches(1).ToList();
        Assert.Equal(e3, b.Batches(3).ToList());
        Assert.Equal(e3, a.Batches(3).ToList());
        Assert.NotEqual(e3, a.Batches(4).ToList());
        Assert.NotEqual(e3, new MPerClassSampler(y, 2, 8, 80, seed: 8).Batches(3).ToList());
    }

    [Fact]
    public void BadArguments_Messages()
    {
        var y = Labels(10, 10, 10);
        Assert.Contains("m = 4 must divide the batch size 10",
            Assert.Throws<ArgumentException>(() => new MPerClassSampler(y, 4, 10, null, 0)).Message);
        Assert.Contains("m × (number of classes) = 2 × 3 must be at least the batch size 8",
            Assert.Throws<ArgumentException>(() => new MPerClassSampler(y, 2, 8, null, 0)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MPerClassSampler(y, 2, 6, 5, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MPerClassSampler(y, 2, 6, 60, 0).Batches(-1));
    }
}
