using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Losses;

public class ManifoldLossTests
{
    [Fact]
    public void MatchesPml()
    {
        var c = ReferenceCase.Load("ManifoldLoss");
        var loss = new ManifoldLoss((int)c.Kwarg("l"), (int)c.Kwarg("K"), (float)c.Kwarg("lambdaC"),
            (float)c.Kwarg("alpha"), (float)c.Kwarg("margin"));
        loss.LoadParameter("proxies", c.ParamValues("proxies"));
        ReferenceRunner.Check(c, loss);
        ReferenceAssert.Gradient(c, c.GradParams64["proxies"], loss.Proxies.Grad!.ToArray(), "grad proxies");
        loss.ZeroGrad();
        UnreducedAssert.Matches(c, loss.ComputeUnreduced(c.EmbeddingTensor(), c.Labels));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void GradientMatchesFiniteDifferences(bool cosine)
    {
        int[] meta = [0, 1, 2, 0, 1, 2, 0, 1];
        var loss = new ManifoldLoss(embeddingSize: 4, numProxies: 3, margin: 0.02f,
            distance: cosine ? new CosineSimilarity() : new DotProductSimilarity(normalizeEmbeddings: false),
            rng: new Rng(3));
        GradCheck.Check(t => loss.Compute(t[0], meta), [SeededCases.Normal(3, 8, 4), loss.Proxies], eps: 1e-3f);
    }

    [Fact]
    public void RandomMetaClassesGiveEveryProxyAMember()
    {
        var loss = new ManifoldLoss(embeddingSize: 3, numProxies: 4, rng: new Rng(5));
        var value = loss.Compute(SeededCases.Normal(2, 6, 3));
        Assert.True(float.IsFinite(value.Item()));
        Assert.Throws<ArgumentException>(() => loss.Compute(SeededCases.Normal(2, 3, 3)));
    }

    [Fact]
    public void ValidatesItsInputs()
    {
        var loss = new ManifoldLoss(embeddingSize: 3, numProxies: 2);
        Assert.Throws<ArgumentException>(() => loss.Compute(SeededCases.Normal(1, 4, 3), [0, 1, 2, 0]));
        Assert.Throws<ArgumentException>(() => loss.Compute(SeededCases.Normal(1, 4, 5), [0, 1, 1, 0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ManifoldLoss(3, alpha: 1f));
    }
}
