using Tango.Losses.Distances;
using Tango.Losses.Miners;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Miners;

public class AngularMinerTests
{
    [Fact]
    public void MinesPmlsTriplets()
    {
        var r = MinerReference.Load("AngularMiner_20");
        r.AssertSameTuples(new AngularMiner((float)r.Kwarg("angle")).Mine(r.Embeddings, r.Labels), sameOrder: true);
    }

    [Fact]
    public void RequiresNormalisedEuclideanDistance()
    {
        var ex = Assert.Throws<ArgumentException>(() => new AngularMiner(distance: new CosineSimilarity()));
        Assert.Contains("LpDistance", ex.Message, StringComparison.Ordinal);
    }
}
