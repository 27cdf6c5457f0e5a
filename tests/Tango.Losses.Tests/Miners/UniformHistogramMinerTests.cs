using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Miners;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Miners;

public class UniformHistogramMinerTests
{
    // Random: checked by count (non-empty bins × pairs per bin, PML's counts) and rule (valid pairs, every bin used).
    [Fact]
    public void MatchesPmlsCountsAndRule()
    {
        var r = MinerReference.Load("UniformHistogramMiner_RANDOM");
        var miner = new UniformHistogramMiner((int)r.Kwarg("num_bins"), (int)r.Kwarg("pos_per_bin"),
            (int)r.Kwarg("neg_per_bin"), new Rng(4));
        var pairs = miner.Mine(r.Embeddings, r.Labels);
        Assert.Equal(r.Counts, new[] { pairs.A1.Length, pairs.P.Length, pairs.A2.Length, pairs.N.Length });
        for (int k = 0; k < pairs.PositiveCount; k++)
        {
            Assert.Equal(r.Labels[pairs.A1[k]], r.Labels[pairs.P[k]]);
            Assert.NotEqual(pairs.A1[k], pairs.P[k]);
        }

        Assert.All(Enumerable.Range(0, pairs.NegativeCount),
            k => Assert.NotEqual(r.Labels[pairs.A2[k]], r.Labels[pairs.N[k]]));
    }

    [Fact]
    public void BinsFollowLinspaceEdges()
    {
        var miner = new UniformHistogramMiner(binCount: 4);
        Assert.Equal([0, 0, 1, 2, 3, 3], miner.Bins([0f, 0.2f, 1f, 2.5f, 3.5f, 4f]));
    }
}
