using Tango.Losses.Distances;
using Tango.Losses.Miners;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Miners;

public class PairMarginMinerTests
{
    [Fact]
    public void MinesPmlsPairs()
    {
        var r = MinerReference.Load("PairMarginMiner_default");
        var miner = new PairMarginMiner((float)r.Kwarg("pos_margin"), (float)r.Kwarg("neg_margin"));
        r.AssertSameTuples(miner.Mine(r.Embeddings, r.Labels), sameOrder: true);
    }

    [Fact]
    public void SimilarityFlipsTheComparisons()
    {
        var x = SeededCases.Normal(5, 10, 4);
        int[] labels = [0, 0, 0, 1, 1, 1, 2, 2, 2, 2];
        var cos = new CosineSimilarity();
        var s = cos.Matrix(x);
        var pairs = new PairMarginMiner(0.5f, 0.1f, cos).Mine(x, labels);
        Assert.All(Enumerable.Range(0, pairs.PositiveCount), k => Assert.True(s[pairs.A1[k], pairs.P[k]] < 0.5f));
        Assert.All(Enumerable.Range(0, pairs.NegativeCount), k => Assert.True(s[pairs.A2[k], pairs.N[k]] > 0.1f));
        var all = PairIndices.AllFrom(labels);
        int pos = Enumerable.Range(0, all.PositiveCount).Count(k => s[all.A1[k], all.P[k]] < 0.5f);
        Assert.Equal(pos, pairs.PositiveCount);
    }
}
