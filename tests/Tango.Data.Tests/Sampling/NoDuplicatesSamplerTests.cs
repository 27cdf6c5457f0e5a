using Tango.Data.Sampling;

namespace Tango.Data.Tests.Sampling;

public class NoDuplicatesSamplerTests
{
    // Pairs over a small vocabulary, so many texts repeat across rows.
    private static string[][] Pairs(int rows, int vocabulary, ulong seed)
    {
        var rng = new Core.Rng(seed);
        return Enumerable.Range(0, rows)
            .Select(_ => new[] { $"t{rng.NextInt(vocabulary)}", $"t{rng.NextInt(vocabulary)}" }).ToArray();
    }

    [Fact]
    public void NoIdTwiceInABatch_EveryRowOnce()
    {
        var rows = Pairs(300, 120, 1);
        var sampler = new NoDuplicatesSampler(rows, batchSize: 16, dropLast: false, seed: 5);
        var batches = sampler.Batches(0).ToList();
        foreach (var batch in batches)
        {
            var ids = batch.SelectMany(r => rows[r].Distinct()).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
        }

        Assert.Equal(Enumerable.Range(0, 300), batches.SelectMany(b => b).Order());
        Assert.Equal(batches.Count, sampler.CountBatches(0));
        Assert.True(batches.Count >= sampler.BatchesPerEpoch);
        // Almost all batches are full: short ones only where the remaining rows all collide.
        Assert.True(batches.Take(batches.Count - 3).All(b => b.Length == 16));
    }

    [Fact]
    public void DistinctIds_ExactBatchCount()
    {
        var rows = Enumerable.Range(0, 50).Select(i => new[] { 2 * i, 2 * i + 1 }).ToArray();
        var sampler = new NoDuplicatesSampler(rows, 8, dropLast: false, seed: 1);
        var batches = sampler.Batches(2).ToList();
        Assert.Equal(7, sampler.BatchesPerEpoch);
        Assert.Equal(7, batches.Count);
        Assert.Equal(2, batches[^1].Length);
        var dropped = new NoDuplicatesSampler(rows, 8, dropLast: true, seed: 1);
        Assert.Equal(6, dropped.BatchesPerEpoch);
        Assert.All(dropped.Batches(2), b => Assert.Equal(8, b.Length));
    }

    [Fact]
    public void SharedAnchor_ForcesOnePerBatch()
    {
        // Every row shares the anchor "q": no two rows can share a batch.
        var rows = Enumerable.Range(0, 5).Select(i => new[] { "q", $"d{i}" }).ToArray();
        var batches = new NoDuplicatesSampler(rows, 4, false, 0).Batches(0).ToList();
        Assert.Equal(5, batches.Count);
        Assert.All(batches, b => Assert.Single(b));
    }

    [Fact]
    public void Deterministic_PerSeedAndEpoch()
    {
        var pairs = Pairs(100, 60, 2).Select(p => new LabeledPair(p[0], p[1], 1f)).ToArray();
        var a = NoDuplicatesSampler.FromPairs(pairs, 10, false, 9);
        var b = NoDuplicatesSampler.FromPairs(pairs, 10, false, 9);
        Assert.Equal(a.Batches(4).ToList(), b.Batches(4).ToList());
        Assert.NotEqual(a.Batches(4).ToList(), a.Batches(5).ToList());
        Assert.NotEqual(a.Batches(4).ToList(), NoDuplicatesSampler.FromPairs(pairs, 10, false, 10).Batches(4).ToList());
    }
}
