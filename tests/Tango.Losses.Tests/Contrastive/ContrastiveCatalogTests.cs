using Tango.Losses.Catalog;
using Tango.Losses.Contrastive;

namespace Tango.Losses.Tests.Contrastive;

public class ContrastiveCatalogTests
{
    [Fact]
    public void ListsEveryPublicLossOfTheFolderWithDescribedParameters()
    {
        var types = typeof(ZLoss).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == typeof(ZLoss).Namespace && t.IsClass && !t.IsAbstract && t.Name.EndsWith(
                "Loss", StringComparison.Ordinal));
        foreach (var t in types)
        {
            var d = LossCatalog.Find(t.Name);
            Assert.Equal(t, d.Type);
            Assert.All(d.Parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.Description), $"{t.Name}.{p.Name}"));
        }

        Assert.Equal(ComponentKind.ScoreLoss, LossCatalog.Find("DiceLoss").Kind);
        Assert.Equal(4, LossCatalog.OfKind(ComponentKind.ScoreLoss).Count());
    }

    [Fact]
    public void BuildsFromText()
    {
        var dcl = (DecoupledContrastiveLoss)LossCatalog.Find("DecoupledContrastiveLoss").CreateFromText(
            new Dictionary<string, string> { ["weightSigma"] = "0.5", ["temperature"] = "0.2" });
        Assert.Equal(0.5f, dcl.WeightSigma);
        var jml = (JaccardMetricLoss)LossCatalog.Find("JaccardMetricLoss").CreateFromText(
            new Dictionary<string, string> { ["norm"] = "l2" });
        Assert.Equal(JaccardNorm.L2, jml.Norm);
        var mochi = (MochiLoss)LossCatalog.Find("MochiLoss").CreateFromText(
            new Dictionary<string, string> { ["mixCount"] = "8", ["rng"] = "3" });
        Assert.Equal(8, mochi.MixCount);
        Assert.Equal("(CosineSimilarity)",
            LossCatalog.Find("MannWhitneyLoss").Parameters.Single(p => p.Name == "distance").DefaultText);
    }
}
