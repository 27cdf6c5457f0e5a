using Tango.Losses.Catalog;
using Tango.Losses.Distances;
using Tango.Losses.Miners;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses.Tests.Catalog;

public class LossCatalogTests
{
    // Every concrete public component type of the assembly must be registered.
    [Fact]
    public void ListsEveryPublicComponent()
    {
        Type[] roots = [typeof(IMetricLoss), typeof(Miner), typeof(Distance), typeof(Reducer), typeof(Regularizer),
            typeof(SelfSupervisedLoss)];
        var components = typeof(MetricLoss).Assembly.GetExportedTypes()
            .Where(t => !t.IsAbstract && !t.IsInterface && roots.Any(r => r.IsAssignableFrom(t)));
        var registered = LossCatalog.All.Select(d => d.Type).ToHashSet();
        Assert.All(components, t => Assert.True(registered.Contains(t), $"{t.Name} is not in the LossCatalog."));
    }

    [Fact]
    public void DescribesParametersWithDefaultsFromTheConstructor()
    {
        var d = LossCatalog.Find("TripletMarginLoss");
        Assert.Equal(ComponentKind.Loss, d.Kind);
        var margin = d.Parameters.Single(p => p.Name == "margin");
        Assert.Equal(typeof(float), margin.Type);
        Assert.Equal(0.05f, margin.Default);
        Assert.Equal("0.05", margin.DefaultText);
        Assert.Equal("(LpDistance)", d.Parameters.Single(p => p.Name == "distance").DefaultText);
        Assert.Equal("(AvgNonZeroReducer)", d.Parameters.Single(p => p.Name == "reducer").DefaultText);
        Assert.Equal("(CosineSimilarity)",
            LossCatalog.Find("ntxentloss").Parameters.Single(p => p.Name == "distance").DefaultText);
        Assert.All(LossCatalog.All.SelectMany(x => x.Parameters),
            p => Assert.False(string.IsNullOrWhiteSpace(p.Description)));
    }

    [Fact]
    public void CreatesEveryComponentWithoutRequiredParameters()
    {
        foreach (var d in LossCatalog.All.Where(d => d.Parameters.All(p => p.HasDefault)))
        {
            if (d.Type == typeof(ThresholdReducer))
            {
                Assert.Throws<ArgumentException>(() => d.Create());
                continue;
            }

            Assert.IsType(d.Type, d.Create());
        }
    }

    [Fact]
    public void CreatesFromTypedArguments()
    {
        var loss = LossCatalog.Create<TripletMarginLoss>("TripletMarginLoss", new Dictionary<string, object?>
        {
            ["margin"] = 0.3f,
            ["distance"] = new CosineSimilarity(),
        });
        Assert.Equal(0.3f, loss.Margin);
        Assert.IsType<CosineSimilarity>(loss.Distance);
        var ex = Assert.Throws<ArgumentException>(() => LossCatalog.Find("ContrastiveLoss")
            .Create(new Dictionary<string, object?> { ["margin"] = 1f }));
        Assert.Contains("no parameter 'margin'", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<ArgumentException>(() => LossCatalog.Find("ContrastiveLoss")
            .Create(new Dictionary<string, object?> { ["posMargin"] = "x" }));
        Assert.Contains("needs a float", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreatesFromText()
    {
        var miner = (TripletMarginMiner)LossCatalog.Find("TripletMarginMiner").CreateFromText(
            new Dictionary<string, string>
            {
                ["margin"] = "0.1", ["selection"] = "semihard", ["distance"] = "CosineSimilarity",
            });
        Assert.Equal(TripletSelection.SemiHard, miner.Selection);
        Assert.IsType<CosineSimilarity>(miner.Distance);
        var reducer = (ClassWeightedReducer)LossCatalog.Find("ClassWeightedReducer").CreateFromText(
            new Dictionary<string, string> { ["weights"] = "1, 2.5" });
        Assert.Equal([1f, 2.5f], reducer.Weights);
        var batch = (BatchEasyHardMiner)LossCatalog.Find("BatchEasyHardMiner").CreateFromText(
            new Dictionary<string, string> { ["allowedPosRange"] = "0:0.5", ["posStrategy"] = "Hard" });
        Assert.Equal((0f, 0.5f), batch.AllowedPosRange);
        var multiple = (MultipleLosses)LossCatalog.Find("MultipleLosses").CreateFromText(
            new Dictionary<string, string> { ["losses"] = "ContrastiveLoss,SupConLoss", ["weights"] = "1,0.5" });
        Assert.Equal(2, multiple.Losses.Count);
        var xbm = (CrossBatchMemory)LossCatalog.Find("CrossBatchMemory").CreateFromText(
            new Dictionary<string, string> { ["loss"] = "ContrastiveLoss", ["embeddingSize"] = "64" });
        Assert.Equal(1024, xbm.MemorySize);
        var ex = Assert.Throws<ArgumentException>(() => LossCatalog.Find("TripletMarginMiner").CreateFromText(
            new Dictionary<string, string> { ["selection"] = "hardest" }));
        Assert.Contains("not one of All, Hard, SemiHard, Easy", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<ArgumentException>(() => LossCatalog.Find("TripletMarginLoss").CreateFromText(
            new Dictionary<string, string> { ["distance"] = "MeanReducer" }));
        Assert.Contains("is a Reducer, not a Distance", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => LossCatalog.Find("NoSuchLoss"));
    }
}
