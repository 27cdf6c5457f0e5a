using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Losses;

public class NcaLossTests
{
    [Fact]
    public void MatchesPml()
    {
        var c = ReferenceCase.Load("NCALoss");
        var loss = new NcaLoss((float)c.Kwarg("softmax_scale"));
        ReferenceRunner.Check(c, loss);
        UnreducedAssert.Matches(c, loss.ComputeUnreduced(c.EmbeddingTensor(), c.Labels));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void GradientMatchesFiniteDifferences(int distance)
    {
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1, 3, 4];
        var loss = distance == 0 ? new NcaLoss() : new NcaLoss(4f, new CosineSimilarity());
        GradCheck.Check(t => loss.Compute(t[0], labels), [SeededCases.Normal(3, 10, 5)], eps: 1e-3f);
    }

    [Fact]
    public void TuplesWeightElementsByTheirCounts()
    {
        var x = SeededCases.Normal(4, 6, 3);
        int[] labels = [0, 0, 1, 1, 2, 2];
        var tuples = new TripletIndices([0, 0, 2], [1, 1, 3], [2, 4, 5]);
        var loss = new NcaLoss(reducer: new DoNothingReducer());
        var plain = loss.ComputeUnreduced(x, labels)["loss"].Losses!.ToArray();
        var weighted = loss.ComputeUnreduced(x, labels, tuples)["loss"].Losses!.ToArray();
        // counts: 0:2, 1:2, 2:2, 3:1, 4:1, 5:1 (max 2)
        float[] w = [1f, 1f, 1f, 0.5f, 0.5f, 0.5f];
        Tolerance.Close([.. plain.Select((v, i) => v * w[i])], weighted, rtol: 1e-6);
    }
}
