using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Losses;

public class NPairsLossTests
{
    [Fact]
    public void MatchesPml()
    {
        var c = ReferenceCase.Load("NPairsLoss");
        var loss = new NPairsLoss();
        ReferenceRunner.Check(c, loss);
        UnreducedAssert.Matches(c, loss.ComputeUnreduced(c.EmbeddingTensor(), c.Labels));
    }

    [Fact]
    public void TakesTheFirstPairPerLabelInLabelOrder()
    {
        int[] labels = [5, 2, 5, 2, 7, 2, 9];
        var (a, p) = NPairsLoss.FirstPairPerLabel(labels);
        Assert.Equal([1, 0], a);
        Assert.Equal([3, 2], p);
        var (a2, p2) = NPairsLoss.FirstPairPerLabel(PairIndices.AllFrom(labels), labels);
        Assert.Equal(a, a2);
        Assert.Equal(p, p2);
    }

    [Fact]
    public void MatchesNaiveLoop()
    {
        var x = SeededCases.Normal(3, 9, 5);
        int[] labels = [1, 0, 1, 0, 2, 2, 1, 3, 0];
        var unreduced = new NPairsLoss().ComputeUnreduced(x, labels)["loss"];
        // Pairs (first per label, label order): 0 → (1, 3), 1 → (0, 2), 2 → (4, 5).
        int[] anchors = [1, 0, 4], positives = [3, 2, 5];
        var dot = NaiveDistances.Dot(x, normalize: true);
        var expected = new float[3];
        for (int i = 0; i < 3; i++)
        {
            double lse = Math.Log(Enumerable.Range(0, 3).Sum(j => Math.Exp(dot[anchors[i], positives[j]])));
            expected[i] = (float)(lse - dot[anchors[i], positives[i]]);
        }

        Assert.Equal(anchors, unreduced.Anchors!);
        Tolerance.Close(expected, unreduced.Losses!.ToArray(), rtol: 1e-5);
    }

    [Fact]
    public void UsesTheGivenPairs()
    {
        var x = SeededCases.Normal(4, 6, 4);
        int[] labels = [0, 0, 0, 1, 1, 1];
        var pairs = new PairIndices([2, 5, 0], [1, 4, 1], [], []);
        var unreduced = new NPairsLoss().ComputeUnreduced(x, labels, pairs)["loss"];
        Assert.Equal([2, 5], unreduced.Anchors!);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void GradientMatchesFiniteDifferences(int distance)
    {
        int[] labels = [0, 1, 2, 0, 1, 2, 3, 3, 1, 0];
        Distance dist = distance switch
        {
            0 => new DotProductSimilarity(),
            1 => new LpDistance(),
            _ => new DotProductSimilarity(normalizeEmbeddings: false),
        };
        var loss = new NPairsLoss(dist);
        GradCheck.Check(t => loss.Compute(t[0], labels), [SeededCases.Normal(6, 10, 5).Mul(0.5f).Detach()],
            eps: 1e-3f);
    }

    [Fact]
    public void RejectsReferenceEmbeddings()
    {
        var x = SeededCases.Normal(1, 4, 3);
        Assert.Throws<ArgumentException>(() => new NPairsLoss().Compute(x, [0, 0, 1, 1], refEmbeddings: x));
    }
}
