using Tango.Core;
using Tango.Losses.Miners;

namespace Tango.Losses.Tests.Miners;

public class MaximumLossMinerTests
{
    [Fact]
    public void PicksTheSubsetWithTheLargestLoss()
    {
        var x = SeededCases.Normal(6, 16, 4);
        int[] labels = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3];
        var loss = new ContrastiveLoss();
        var miner = new MaximumLossMiner(loss, subsetSize: 8, trialCount: 6, rng: new Rng(3));
        var tuples = (PairIndices)miner.Mine(x, labels);
        var rows = miner.LastSubset.ToArray();
        Assert.Equal(8, rows.Distinct().Count());
        Assert.All(tuples.A1.Concat(tuples.P).Concat(tuples.A2).Concat(tuples.N), i => Assert.Contains(i, rows));
        // The chosen subset's loss is at least that of any subset the same generator would try.
        float chosen = loss.Compute(x.IndexSelect(0, rows), [.. rows.Select(i => labels[i])]).Item();
        var rng = new Rng(3);
        for (int t = 0; t < 6; t++)
        {
            var all = Enumerable.Range(0, 16).ToArray();
            rng.Shuffle(all.AsSpan());
            var subset = all[..8];
            Assert.True(chosen >= loss.Compute(x.IndexSelect(0, subset), [.. subset.Select(i => labels[i])]).Item());
        }
    }

    [Fact]
    public void UsesTheInnerMinersTupleKind()
    {
        var x = SeededCases.Normal(6, 12, 4);
        int[] labels = [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3];
        var miner = new MaximumLossMiner(new TripletMarginLoss(), 9, new TripletMarginMiner(0.5f));
        Assert.IsType<TripletIndices>(miner.Mine(x, labels));
    }
}
