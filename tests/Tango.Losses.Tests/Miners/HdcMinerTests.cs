using Tango.Losses.Miners;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Miners;

public class HdcMinerTests
{
    // PML's topk lists the kept pairs hardest first; ours too, ties in list order, so only the set is compared.
    [Fact]
    public void MinesPmlsPairs()
    {
        var r = MinerReference.Load("HDCMiner_0.5");
        r.AssertSameTuples(new HdcMiner((float)r.Kwarg("filter_percentage")).Mine(r.Embeddings, r.Labels),
            sameOrder: false);
    }

    [Fact]
    public void FilterCutsEarlierPairs()
    {
        var x = SeededCases.Normal(4, 10, 3);
        int[] labels = [0, 0, 0, 1, 1, 1, 2, 2, 2, 2];
        var all = PairIndices.AllFrom(labels);
        var kept = new HdcMiner(0.25f).Filter(all, x, labels);
        Assert.Equal((int)Math.Ceiling(0.25 * all.PositiveCount), kept.PositiveCount);
        Assert.Equal((int)Math.Ceiling(0.25 * all.NegativeCount), kept.NegativeCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => new HdcMiner(0f));
    }
}
