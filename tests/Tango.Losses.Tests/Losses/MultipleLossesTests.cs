using Tango.Losses.Miners;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Losses;

public class MultipleLossesTests
{
    // MultipleLosses([TripletMarginLoss(0.1), MultiSimilarityLoss()], miners=[semi-hard miner, None], weights=[1,
    // 0.5]).
    [Fact]
    public void MatchesPml()
    {
        var c = ReferenceCase.Load("MultipleLosses_Triplet_MS");
        var miner = new TripletMarginMiner(0.2f, TripletSelection.SemiHard);
        var loss = new MultipleLosses([new TripletMarginLoss(0.1f), new MultiSimilarityLoss()], [miner, null],
            [1f, 0.5f]);
        var x = c.EmbeddingTensor();
        Assert.Equal(c.Tuples(), miner.Mine(x, c.Labels));
        var value = loss.Compute(x, c.Labels);
        value.Backward();
        ReferenceAssert.Loss(c, value.Item());
        ReferenceAssert.Gradient(c, c.Grad64!, x.Grad!.ToArray(), "grad_embeddings");
    }

    [Fact]
    public void IsTheWeightedSumAndRejectsTuplesWithMiners()
    {
        var x = SeededCases.Normal(2, 8, 3);
        int[] labels = [0, 0, 1, 1, 2, 2, 3, 3];
        var a = new ContrastiveLoss();
        var b = new SupConLoss();
        var sum = new MultipleLosses([a, b], weights: [2f, 3f]).Compute(x, labels).Item();
        Tolerance.Close(2 * a.Compute(x, labels).Item() + 3 * b.Compute(x, labels).Item(), sum, rtol: 1e-6);
        var withMiner = new MultipleLosses([a], [new BatchHardMiner()]);
        Assert.Throws<ArgumentException>(() => withMiner.Compute(x, labels, PairIndices.AllFrom(labels)));
        Assert.Throws<ArgumentException>(() => new MultipleLosses([a, b], weights: [1f]));
    }
}
