using Tango.Data.Sampling;

namespace Tango.Data.Tests.Sampling;

public class ClusteredHardBatchSamplerTests
{
    // `blobs` tight, far-apart blobs of `size` points each in 8 dimensions; rows interleaved so blob b holds the rows
    // r with r % blobs == b.
    private static float[] Blobs(int blobs, int size, ulong seed)
    {
        const int d = 8;
        var rng = new Core.Rng(seed);
        var centres = Enumerable.Range(0, blobs * d).Select(_ => rng.NextNormal() * 100f).ToArray();
        var x = new float[blobs * size * d];
        for (int r = 0; r < blobs * size; r++)
        {
            int b = r % blobs;
            for (int j = 0; j < d; j++)
            {
                x[r * d + j] = centres[b * d + j] + rng.NextNormal() * 0.1f;
            }
        }

        return x;
    }

    [Fact]
    public void BeforeRefresh_RandomBatches_EveryRowOnce()
    {
        var s = new ClusteredHardBatchSampler(rows: 100, batchSize: 32, clusterSize: 8, refreshEvery: 2, seed: 1);
        Assert.True(s.NeedsRefresh(0));
        Assert.Null(s.Assignments);
        var batches = s.Batches(0).ToList();
        Assert.Equal(4, s.BatchesPerEpoch);
        Assert.Equal([32, 32, 32, 4], batches.Select(b => b.Length));
        Assert.Equal(Enumerable.Range(0, 100), batches.SelectMany(b => b).Order());
    }

    [Fact]
    public void AfterRefresh_EachBatchIsWholeClusters()
    {
        const int blobs = 12, size = 10;
        var x = Blobs(blobs, size, 3);
        var s = new ClusteredHardBatchSampler(blobs * size, batchSize: 2 * size, clusterSize: size, refreshEvery: 3,
            seed: 4);
        s.Refresh(x, 8, epoch: 0);
        Assert.Equal(12, s.ClusterCount);
        var assignments = s.Assignments!;
        // k-means recovers the blobs: rows of one blob share a cluster and blobs get distinct clusters.
        Assert.Equal(blobs, Enumerable.Range(0, blobs).Select(b => assignments[b]).Distinct().Count());
        Assert.All(Enumerable.Range(0, blobs * size), r => Assert.Equal(assignments[r % blobs], assignments[r]));
        foreach (int epoch in new[] { 0, 1, 2 })
        {
            var batches = s.Batches(epoch).ToList();
            Assert.Equal(6, batches.Count);
            foreach (var batch in batches)
            {
                // Exactly two whole blobs per batch: the in-batch negatives are the rows of one other cluster.
                var groups = batch.GroupBy(r => r % blobs).ToList();
                Assert.Equal(2, groups.Count);
                Assert.All(groups, g => Assert.Equal(size, g.Count()));
            }

            Assert.Equal(Enumerable.Range(0, blobs * size), batches.SelectMany(b => b).Order());
        }

        Assert.False(s.NeedsRefresh(0));
        Assert.False(s.NeedsRefresh(2));
        Assert.True(s.NeedsRefresh(3));
    }

    [Fact]
    public void Deterministic_AndRestorable()
    {
        var x = Blobs(6, 20, 5);
        var a = new ClusteredHardBatchSampler(120, 16, 10, 2, seed: 11);
        var b = new ClusteredHardBatchSampler(120, 16, 10, 2, seed: 11);
        a.Refresh(x, 8, 2);
        b.Refresh(x, 8, 2);
        Assert.Equal(a.Assignments, b.Assignments);
        Assert.Equal(a.Batches(3).ToList(), b.Batches(3).ToList());
        Assert.NotEqual(a.Batches(3).ToList(), a.Batches(2).ToList());

        // A resumed run: a fresh sampler restored from the checkpointed clustering draws the same batches.
        var resumed = new ClusteredHardBatchSampler(120, 16, 10, 2, seed: 11);
        resumed.Restore(a.Assignments!, a.RefreshedAtEpoch);
        Assert.Equal(2, resumed.RefreshedAtEpoch);
        Assert.Equal(a.Batches(3).ToList(), resumed.Batches(3).ToList());
        Assert.False(resumed.NeedsRefresh(2));
    }

    [Fact]
    public void BadArguments_Messages()
    {
        var s = new ClusteredHardBatchSampler(10, 4, 2, 1, 0);
        Assert.Contains("12 values are not 10 rows of dimension 2",
            Assert.Throws<ArgumentException>(() => s.Refresh(new float[12], 2, 0)).Message);
        Assert.Throws<ArgumentException>(() => s.Restore(new int[9], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClusteredHardBatchSampler(10, 0, 2, 1, 0));
    }
}
