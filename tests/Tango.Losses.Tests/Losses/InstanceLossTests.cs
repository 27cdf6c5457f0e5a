using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Losses;

public class InstanceLossTests
{
    [Fact]
    public void MatchesPml()
    {
        var c = ReferenceCase.Load("InstanceLoss");
        var loss = new InstanceLoss((float)c.Kwarg("gamma"));
        ReferenceRunner.Check(c, loss);
        UnreducedAssert.Matches(c, loss.ComputeUnreduced(c.EmbeddingTensor(), c.Labels));
    }

    [Fact]
    public void MatchesNaiveLoop()
    {
        var x = SeededCases.Normal(2, 7, 4);
        int[] labels = [30, 10, 20, 10, 30, 20, 10];
        float gamma = 3f;
        var cos = NaiveDistances.Dot(x, normalize: true);
        var target = new[] { 2, 0, 1, 0, 2, 1, 0 };
        double expected = 0;
        for (int i = 0; i < 7; i++)
        {
            double lse = Math.Log(Enumerable.Range(0, 7).Sum(j => Math.Exp(gamma * cos[i, j])));
            expected += (lse - gamma * cos[i, target[i]]) / 7;
        }

        Tolerance.Close(expected, new InstanceLoss(gamma).Compute(x, labels).Item(), rtol: 1e-5);
        Assert.Equal(target, InstanceLoss.LabelRanks(labels));
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        int[] labels = [0, 1, 2, 0, 1, 2, 3, 3];
        var loss = new InstanceLoss(gamma: 4f);
        GradCheck.Check(t => loss.Compute(t[0], labels), [SeededCases.Normal(8, 8, 5)], eps: 1e-3f);
    }

    [Fact]
    public void RejectsTuplesAndOtherDistances()
    {
        var x = SeededCases.Normal(1, 4, 3);
        int[] labels = [0, 0, 1, 1];
        Assert.Throws<ArgumentException>(() => new InstanceLoss(distance: new LpDistance()));
        Assert.Throws<ArgumentException>(() => new InstanceLoss().Compute(x, labels, PairIndices.AllFrom(labels)));
    }
}
