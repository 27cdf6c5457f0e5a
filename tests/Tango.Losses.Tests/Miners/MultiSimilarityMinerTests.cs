using Tango.Losses.Miners;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Miners;

public class MultiSimilarityMinerTests
{
    // PML lists each row's pairs in sorted-value order; the set is what matters.
    [Fact]
    public void MinesPmlsPairs()
    {
        var r = MinerReference.Load("MultiSimilarityMiner_eps0.1");
        r.AssertSameTuples(new MultiSimilarityMiner((float)r.Kwarg("epsilon")).Mine(r.Embeddings, r.Labels),
            sameOrder: false);
    }

    [Fact]
    public void NoPositivesGiveNothing()
    {
        var x = SeededCases.Normal(1, 4, 3);
        Assert.True(new MultiSimilarityMiner().Mine(x, [0, 1, 2, 3]).IsEmpty);
    }
}
