using Tango.Losses.Distances;
using Tango.Losses.Miners;
using Tango.Losses.Reducers;

namespace Tango.Losses.Tests.Contracts;

/// <summary>
/// The losses the contract suite runs over. Helpers adding losses: add a line (or several, one per notable
/// configuration) to <see cref="All"/>.
/// </summary>
public static class LossContractCases
{
    public static IReadOnlyList<LossContractCase> All { get; } =
    [
        new("Contrastive", () => new ContrastiveLoss()),
        new("Contrastive/cosine", () => new ContrastiveLoss(1f, 0f, new CosineSimilarity())),
        new("TripletMargin", () => new TripletMarginLoss()),
        new("TripletMargin/swap-smooth-mean",
            () => new TripletMarginLoss(0.2f, true, true, reducer: new MeanReducer())),
        new("TripletMargin/dot", () => new TripletMarginLoss(distance: new DotProductSimilarity())),
        new("MultiSimilarity", () => new MultiSimilarityLoss()),
        new("Circle", () => new CircleLoss()),
        new("SupCon", () => new SupConLoss()),
        new("NtXent", () => new NtXentLoss()),
        new("NtXent/euclidean", () => new NtXentLoss(distance: new LpDistance())),
        new("LiftedStructure", () => new LiftedStructureLoss()),
        new("GeneralizedLiftedStructure", () => new GeneralizedLiftedStructureLoss()),
        new("TupletMargin", () => new TupletMarginLoss()),
        new("Nca", () => new NcaLoss(), SelectsByTuples: false),
        new("SnrContrastive", () => new SignalToNoiseRatioContrastiveLoss()),
        new("IntraPairVariance", () => new IntraPairVarianceLoss()),
        new("Margin", () => new MarginLoss()),
        new("Margin/learned-shared-beta", () => new MarginLoss(nu: 0.1f, learnBeta: true)),
        new("Margin/per-class-beta", () => new MarginLoss(learnBeta: true, classCount: 8),
            LabelRenamingInvariant: false),
        new("Contrastive/per-anchor", () => new ContrastiveLoss(reducer: new PerAnchorReducer())),
        new("MultipleLosses", () => new MultipleLosses([new TripletMarginLoss(), new MultiSimilarityLoss()],
            weights: [1f, 0.5f])),
        new("CrossBatchMemory", () => new CrossBatchMemory(new ContrastiveLoss(), 5, 64), SelectsByTuples: false),
    ];

    public static TheoryData<LossContractCase> Data()
    {
        var data = new TheoryData<LossContractCase>();
        foreach (var c in All)
        {
            data.Add(c);
        }

        return data;
    }
}
