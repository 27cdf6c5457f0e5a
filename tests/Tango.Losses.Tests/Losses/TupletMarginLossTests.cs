using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Losses;

public class TupletMarginLossTests
{
    [Fact]
    public void MatchesPml()
    {
        var c = ReferenceCase.Load("TupletMarginLoss");
        var loss = new TupletMarginLoss((float)c.Kwarg("margin"), (float)c.Kwarg("scale"));
        ReferenceRunner.Check(c, loss);
        UnreducedAssert.Matches(c, loss.ComputeUnreduced(c.EmbeddingTensor(), c.Labels));
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1, 3, 4];
        var loss = new TupletMarginLoss(10f, 4f);
        GradCheck.Check(t => loss.Compute(t[0], labels), [SeededCases.Normal(3, 10, 5)], eps: 1e-3f);
    }

    [Fact]
    public void RequiresCosineSimilarity() =>
        Assert.Throws<ArgumentException>(() => new TupletMarginLoss(distance: new DotProductSimilarity()));
}
