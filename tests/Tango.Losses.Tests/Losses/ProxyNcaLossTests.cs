using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Losses;

public class ProxyNcaLossTests
{
    [Theory]
    [InlineData("ProxyNCALoss")]
    [InlineData("ProxyNCALoss_softmax_scale10")]
    public void MatchesPml(string name)
    {
        var c = ReferenceCase.Load(name);
        ParametricReference.Check(c,
            new ProxyNcaLoss(c.Int("num_classes"), c.Int("embedding_size"), c.Float("softmax_scale")));
    }

    [Fact]
    public void EqualsNcaWithTheProxiesAsReference()
    {
        // ProxyNCA is NCA of the batch against the proxies labelled 0..C−1 (PML computes it that way).
        var x = SeededCases.Normal(4, 9, 5);
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1, 2];
        var loss = new ProxyNcaLoss(3, 5, softmaxScale: 3f, rng: new Rng(2));
        float nca = new NcaLoss(3f)
            .Compute(x, labels, refEmbeddings: loss.Proxies.Detach(), refLabels: [0, 1, 2]).Item();
        Tolerance.Close(nca, loss.Compute(x, labels).Item(), rtol: 1e-5);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void GradientMatchesFiniteDifferences(int distance)
    {
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1];
        Distance dist = distance switch
        {
            0 => new LpDistance(power: 2f),
            1 => new LpDistance(),
            _ => new CosineSimilarity(),
        };
        var loss = new ProxyNcaLoss(3, 5, softmaxScale: 2f, distance: dist, rng: new Rng(3));
        GradCheck.Check(t => loss.Compute(t[0], labels), [SeededCases.Normal(5, 8, 5), loss.Proxies], eps: 1e-3f);
    }

    [Fact]
    public void MinerWeightsCountAnchorsOnly()
    {
        var x = SeededCases.Normal(4, 6, 3);
        int[] labels = [0, 0, 1, 1, 2, 2];
        var loss = new ProxyNcaLoss(3, 3, rng: new Rng(1));
        var plain = loss.ComputeUnreduced(x, labels)["loss"].Losses!.ToArray();
        // Anchors 0, 0, 3: counts 2 and 1 (positives and negatives do not count, the reference is the proxies).
        var tuples = new TripletIndices([0, 0, 3], [1, 1, 2], [2, 4, 5]);
        var weighted = loss.ComputeUnreduced(x, labels, tuples)["loss"].Losses!.ToArray();
        Tolerance.Close([plain[0], 0, 0, plain[3] / 2, 0, 0], weighted, rtol: 1e-6);
    }
}
