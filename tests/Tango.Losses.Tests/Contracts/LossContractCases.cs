using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Miners;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

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
        Classifier("ArcFace", r => new ArcFaceLoss(12, 5, rng: r)),
        Classifier("ArcFace/RegularFace",
            r => new ArcFaceLoss(12, 5, weightRegularizer: new RegularFaceRegularizer(), rng: r)),
        Classifier("CosFace", r => new CosFaceLoss(12, 5, rng: r)),
        Classifier("SphereFace", r => new SphereFaceLoss(12, 5, rng: r)),
        Classifier("LargeMarginSoftmax", r => new LargeMarginSoftmaxLoss(12, 5, rng: r)),
        Classifier("SubCenterArcFace", r => new SubCenterArcFaceLoss(12, 5, rng: r)),
        Classifier("NormalizedSoftmax", r => new NormalizedSoftmaxLoss(12, 5, rng: r)),
        Classifier("NormalizedSoftmax/euclidean",
            r => new NormalizedSoftmaxLoss(12, 5, distance: new LpDistance(), rng: r)),
        Classifier("ProxyNca", r => new ProxyNcaLoss(12, 5, rng: r)),
        Classifier("ProxyAnchor", r => new ProxyAnchorLoss(12, 5, rng: r)),
        Classifier("ProxyAnchor/euclidean", r => new ProxyAnchorLoss(12, 5, distance: new LpDistance(), rng: r)),
        Classifier("SoftTriple", r => new SoftTripleLoss(12, 5, rng: r)),
        Classifier("SoftTriple/SparseCenters",
            r => new SoftTripleLoss(12, 5, 3, weightRegularizer: new SparseCentersRegularizer(12, 3), rng: r)),
        Classifier("P2SGrad", r => new P2SGradLoss(12, 5, rng: r)),
        .. RankingCases.All,
        .. Contrastive.ContrastiveCases.All,
    ];

    // A loss with class parameters (12 classes, dim 5: the suite's batch), the same seeded init on every call.
    private static LossContractCase Classifier(string name, Func<Rng, IMetricLoss> create) =>
        new(name, () => create(new Rng(5)), SelectsByTuples: false, LabelRenamingInvariant: false,
            ClassifiesByLabel: true);

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
