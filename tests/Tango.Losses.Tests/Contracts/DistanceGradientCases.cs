using Tango.Core;
using Tango.Losses.Contrastive;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;

namespace Tango.Losses.Tests.Contracts;

/// <summary>
/// Every loss that takes a distance, with the distances it accepts (issue 3: "gradient checks by finite
/// differences for every loss over each distance it supports"). Hyper-parameters are softened (scales of 2–8
/// instead of 32–80) so that float32 central differences resolve the gradient; margins follow the distance's
/// direction so that the hinges are active on some tuples and inactive on others.
/// </summary>
public static class DistanceGradientCases
{
    /// <summary>The distance configurations of the matrix, by name.</summary>
    public static IReadOnlyDictionary<string, Func<Distance>> Distances { get; } = new Dictionary<string, Func<Distance>>
    {
        ["L2"] = () => new LpDistance(),
        ["L2-squared"] = () => new LpDistance(power: 2f),
        ["L2-unnormalised"] = () => new LpDistance(normalizeEmbeddings: false),
        ["L1"] = () => new LpDistance(p: 1f),
        ["Cosine"] = () => new CosineSimilarity(),
        ["Dot-unnormalised"] = () => new DotProductSimilarity(normalizeEmbeddings: false),
        ["SNR"] = () => new SnrDistance(),
    };

    private static readonly string[] Any = ["L2", "L2-squared", "L2-unnormalised", "L1", "Cosine", "Dot-unnormalised",
        "SNR"];

    private static readonly string[] CosineOnly = ["Cosine"];
    private static readonly string[] Similarities = ["Cosine", "Dot-unnormalised"];
    private static readonly string[] NotSimilarities = ["L2", "L2-squared", "L2-unnormalised", "L1", "SNR"];
    private static readonly string[] UnitEuclidean = ["L2", "L2-squared"];

    private static readonly int[] Mixed = [0, 1, 2, 0, 1, 2, 0, 1, 3];
    private static readonly int[] Paired = [0, 1, 2, 0, 1, 2, 3, 3];

    /// <summary>The losses of the matrix.</summary>
    public static IReadOnlyList<DistanceGradientCase> All { get; } =
    [
        new("Contrastive", d => d.IsSimilarity
            ? new ContrastiveLoss(0.8f, 0.1f, d, new MeanReducer())
            : new ContrastiveLoss(0.2f, 1.2f, d, new MeanReducer()), Any, Mixed),
        new("TripletMargin", d => new TripletMarginLoss(0.4f, distance: d, reducer: new MeanReducer()), Any, Mixed),
        new("TripletMargin/swap-smooth", d => new TripletMarginLoss(0.4f, true, true, distance: d), Any, Mixed),
        new("MultiSimilarity", d => d.IsSimilarity
            ? new MultiSimilarityLoss(2f, 4f, 0.5f, d)
            : new MultiSimilarityLoss(2f, 4f, 0.8f, d), Any, Mixed),
        new("Circle", d => new CircleLoss(0.25f, 4f, d), CosineOnly, Mixed, DetachedWeights: true),
        new("SupCon", d => new SupConLoss(0.5f, d), Any, Mixed),
        new("NtXent", d => new NtXentLoss(0.5f, d), Any, Mixed),
        new("LiftedStructure", d => d.IsSimilarity
            ? new LiftedStructureLoss(0.2f, 0.9f, d)
            : new LiftedStructureLoss(1.5f, 0.1f, d), Any, Mixed),
        new("GeneralizedLiftedStructure", d => d.IsSimilarity
            ? new GeneralizedLiftedStructureLoss(0.2f, 0.9f, d)
            : new GeneralizedLiftedStructureLoss(1.5f, 0.1f, d), Any, Mixed),
        new("TupletMargin", d => new TupletMarginLoss(10f, 4f, d), CosineOnly, Mixed),
        new("Nca", d => new NcaLoss(2f, d), Any, Mixed),
        new("SnrContrastive", d => new SignalToNoiseRatioContrastiveLoss(0.3f, 1.5f, d, new MeanReducer()),
            ["SNR"], Mixed),
        new("IntraPairVariance", d => new IntraPairVarianceLoss(0.05f, 0.05f, d), Any, Mixed),
        new("Margin", d => new MarginLoss(0.3f, beta: d.IsSimilarity ? 0.3f : 0.9f, distance: d), Any, Mixed),
        new("Margin/learned-beta", d => new MarginLoss(0.3f, 0.1f, d.IsSimilarity ? 0.3f : 0.9f, learnBeta: true,
            classCount: 4, distance: d), Any, Mixed),
        new("NPairs", d => new NPairsLoss(d), Any, Paired),
        new("RankedList", d => new RankedListLoss(0.4f, 2f, tp: 1f, alpha: d is LpDistance { P: 1f } ? 2f : null,
            distance: d), NotSimilarities, Mixed, Seed: 5),
        new("Angular", d => new AngularLoss(30f, d), ["L2"], Mixed),
        new("DynamicSoftMargin", d => new DynamicSoftMarginLoss(-2f * d.Power, 6, distance: d), UnitEuclidean,
            Mixed, Eps: 1e-4f, Rtol: 5e-2, Atol: 5e-3),
        new("FastAP", d => new FastApLoss(5, d), UnitEuclidean, Mixed, Eps: 1e-4f, Rtol: 5e-2, Atol: 5e-3),
        new("Histogram", d => new HistogramLoss(4, distance: d), CosineOnly, Mixed, Eps: 1e-4f, Rtol: 5e-2,
            Atol: 5e-3),
        new("Instance", d => new InstanceLoss(4f, d), CosineOnly, Mixed),
        new("PNP", d => new PnpLoss(anneal: 0.5f, distance: d), CosineOnly, Mixed),
        new("ThresholdConsistentMargin", d => new ThresholdConsistentMarginLoss(marginPlus: 0.5f, marginMinus: 0f,
            distance: d), CosineOnly, Mixed),
        new("Manifold", d => new ManifoldLoss(4, 3, margin: 0.02f, distance: d, rng: new Rng(3)), Similarities,
            [0, 1, 2, 0, 1, 2, 0, 1, 2]),
        new("ArcFace", d => new ArcFaceLoss(4, 4, scale: 4f, distance: d, rng: new Rng(2)), CosineOnly, Mixed),
        new("CosFace", d => new CosFaceLoss(4, 4, scale: 4f, distance: d, rng: new Rng(3)), CosineOnly, Mixed),
        new("SphereFace", d => new SphereFaceLoss(4, 4, scale: 0.5f, distance: d, rng: new Rng(1)), CosineOnly,
            Mixed),
        new("LargeMarginSoftmax", d => new LargeMarginSoftmaxLoss(4, 4, 3, 0.5f, d, rng: new Rng(6)), CosineOnly,
            Mixed),
        new("SubCenterArcFace", d => new SubCenterArcFaceLoss(4, 4, scale: 4f, subCenters: 2, distance: d,
            rng: new Rng(5)), CosineOnly, Mixed),
        new("NormalizedSoftmax", d => new NormalizedSoftmaxLoss(4, 4, 0.5f, d, rng: new Rng(1)), Any, Mixed),
        new("ProxyNca", d => new ProxyNcaLoss(4, 4, 2f, d, rng: new Rng(3)), Any, Mixed),
        new("ProxyAnchor", d => new ProxyAnchorLoss(4, 4, alpha: 4f, distance: d, rng: new Rng(2)), Any, Mixed),
        new("SoftTriple", d => new SoftTripleLoss(4, 4, 3, la: 4f, distance: d, rng: new Rng(8)), Similarities,
            Mixed),
        new("DecoupledContrastive", d => new DecoupledContrastiveLoss(0.5f, distance: d), Any, Mixed),
        new("DecoupledContrastive/weighted", d => new DecoupledContrastiveLoss(0.5f, 0.5f, d), Any,
            Mixed),
        new("MannWhitney", d => new MannWhitneyLoss(temperature: 0.5f, distance: d), Any, Mixed),
    ];

    /// <summary>(loss, distance) pairs for the theory.</summary>
    public static TheoryData<string, string> Pairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in All)
        {
            foreach (string d in Distances.Keys)
            {
                data.Add(c.Name, d);
            }
        }

        return data;
    }
}
