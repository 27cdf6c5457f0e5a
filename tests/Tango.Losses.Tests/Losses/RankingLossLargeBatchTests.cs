using Tango.Core;

namespace Tango.Losses.Tests.Losses;

/// <summary>
/// Every ranking, histogram and self-supervised loss runs forward and backward at B = 1024, D = 512 (128 classes of
/// 8), the size at which PML's PNP, Histogram and lifted-structure style losses need gigabytes: the fused kernels
/// keep memory at O(B²). Slow; <see cref="RankingLossContractTests"/> covers the same code on small batches.
/// </summary>
[Trait("Category", "Slow")]
public class RankingLossLargeBatchTests
{
    private const int Batch = 1024, Dim = 512, Classes = 128;

    public static TheoryData<string> Names => new()
    {
        "Angular", "DynamicSoftMargin", "FastAP", "Histogram", "Instance", "Manifold", "NPairs", "PNP", "RankedList",
        "ThresholdConsistentMargin", "VICReg",
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void RunsAtBatch1024Dim512(string name)
    {
        var rng = new Rng(21);
        var labels = Enumerable.Range(0, Batch).Select(i => i % Classes).ToArray();
        var x = Tensor.RandomNormal(rng, Batch, Dim, requiresGrad: true);
        var value = name switch
        {
            "Angular" => new AngularLoss().Compute(x, labels),
            "DynamicSoftMargin" => new DynamicSoftMarginLoss().Compute(x, labels),
            "FastAP" => new FastApLoss().Compute(x, labels),
            "Histogram" => new HistogramLoss().Compute(x, labels),
            "Instance" => new InstanceLoss().Compute(x, labels),
            "Manifold" => new ManifoldLoss(Dim, rng: rng.Split()).Compute(x),
            "NPairs" => new NPairsLoss().Compute(x, labels),
            "PNP" => new PnpLoss().Compute(x, labels),
            "RankedList" => new RankedListLoss(0.4f, 10f).Compute(x, labels),
            "ThresholdConsistentMargin" => new ThresholdConsistentMarginLoss().Compute(x, labels),
            _ => new VicRegLoss().Compute(x, refEmbeddings: Tensor.RandomNormal(rng, Batch, Dim)),
        };
        value.Backward();
        Assert.True(float.IsFinite(value.Item()) && value.Item() != 0, $"{name}: {value.Item()}");
        Assert.All(x.Grad!.ToArray(), g => Assert.True(float.IsFinite(g)));
    }
}
