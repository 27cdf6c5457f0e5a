using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Losses;

public class NormalizedSoftmaxLossTests
{
    [Fact]
    public void MatchesPml()
    {
        var c = ReferenceCase.Load("NormalizedSoftmaxLoss");
        ParametricReference.Check(c,
            new NormalizedSoftmaxLoss(c.Int("num_classes"), c.Int("embedding_size"), c.Float("temperature")));
    }

    [Fact]
    public void MatchesNaiveLoop()
    {
        var x = SeededCases.Normal(2, 7, 4);
        int[] labels = [0, 1, 2, 0, 1, 2, 0];
        var loss = new NormalizedSoftmaxLoss(3, 4, temperature: 0.5f, rng: new Rng(9));
        double expected = NaiveClassifier.MarginSoftmax(x, loss.W, labels, c => c, (_, _) => 2);
        Tolerance.Close(expected, loss.Compute(x, labels).Item(), rtol: 1e-5);
    }

    // The three distances it supports: the default normalised dot product, an unnormalised one, and a distance
    // (whose logits are negated).
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void GradientMatchesFiniteDifferences(int distance)
    {
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1];
        Distance dist = distance switch
        {
            0 => new DotProductSimilarity(),
            1 => new DotProductSimilarity(normalizeEmbeddings: false),
            _ => new LpDistance(),
        };
        var loss = new NormalizedSoftmaxLoss(3, 5, temperature: 0.5f, distance: dist, rng: new Rng(1));
        GradCheck.Check(t => loss.Compute(t[0], labels), [SeededCases.Normal(3, 8, 5), loss.W], eps: 1e-3f);
    }

    [Fact]
    public void RejectsNonPositiveTemperature() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new NormalizedSoftmaxLoss(3, 4, temperature: 0f));
}
