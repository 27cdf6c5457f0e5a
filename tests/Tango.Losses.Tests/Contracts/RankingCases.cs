using Tango.Core;
using Tango.Losses.Distances;

namespace Tango.Losses.Tests.Contracts;

/// <summary>The ranking, histogram and self-supervised losses in the contract suite (one line per configuration).</summary>
internal static class RankingCases
{
    public static IReadOnlyList<LossContractCase> All { get; } =
    [
        new("Angular", () => new AngularLoss()),
        new("DynamicSoftMargin", () => new DynamicSoftMarginLoss()),
        new("DynamicSoftMargin/squared", () => new DynamicSoftMarginLoss(-4f, 8, distance: new LpDistance(power: 2f))),
        new("FastAP", () => new FastApLoss(), SelectsByTuples: false),
        new("FastAP/unsquared", () => new FastApLoss(20, new LpDistance()), SelectsByTuples: false),
        new("Histogram", () => new HistogramLoss()),
        new("Histogram/10bins", () => new HistogramLoss(10)),
        new("Instance", () => new InstanceLoss(), LabelRenamingInvariant: false, PermutationInvariant: false,
            AlwaysLearns: true),
        new("Manifold", () => new ManifoldLoss(5, 12, rng: new Rng(6)), LabelRenamingInvariant: false,
            AlwaysLearns: true),
        new("NPairs", () => new NPairsLoss(), PermutationInvariant: false),
        new("NPairs/euclidean", () => new NPairsLoss(new LpDistance()), PermutationInvariant: false),
        new("PNP-Ds", () => new PnpLoss(variant: PnpVariant.Ds), SelectsByTuples: false),
        new("PNP-Dq", () => new PnpLoss(variant: PnpVariant.Dq), SelectsByTuples: false),
        new("PNP-Iu", () => new PnpLoss(variant: PnpVariant.Iu), SelectsByTuples: false),
        new("PNP-Ib", () => new PnpLoss(variant: PnpVariant.Ib), SelectsByTuples: false),
        new("PNP-O", () => new PnpLoss(), SelectsByTuples: false),
        new("RankedList", () => new RankedListLoss(0.4f, 10f), AlwaysLearns: true),
        new("RankedList/weighted-positives", () => new RankedListLoss(0.4f, 2f, 0.3f, tp: 2f), AlwaysLearns: true),
        new("ThresholdConsistentMargin", () => new ThresholdConsistentMarginLoss()),
        new("VICReg", () => new TwoViews(new VicRegLoss()), AlwaysLearns: true),
        new("SelfSupervised/NtXent", () => new SelfSupervisedViews(new SelfSupervisedLoss(new NtXentLoss())),
            AlwaysLearns: true),
        new("SelfSupervised/Contrastive-asymmetric",
            () => new SelfSupervisedViews(new SelfSupervisedLoss(new ContrastiveLoss(), symmetric: false)),
            AlwaysLearns: true),
    ];

    // A fixed function of each row: the second view follows the rows when the batch is permuted.
    private static Tensor SecondView(Tensor x) => x.Mul(0.8f).Add(x.Square().Mul(0.3f)).Detach();

    /// <summary>
    /// VICReg in the suite's labelled calls: the labels are ignored and the second view is a fixed function of each
    /// row (so it follows the rows when the batch is permuted).
    /// </summary>
    private sealed class TwoViews(VicRegLoss loss) : IMetricLoss
    {
        public Tensor Compute(Tensor embeddings, int[]? labels, IndexTuples? tuples = null) =>
            loss.Compute(embeddings, refEmbeddings: SecondView(embeddings));
    }

    /// <summary>
    /// SelfSupervisedLoss in the suite's labelled calls: the labels are ignored (each row's only positive is its
    /// second view, so there is always something to learn).
    /// </summary>
    private sealed class SelfSupervisedViews(SelfSupervisedLoss loss) : IMetricLoss
    {
        public Tensor Compute(Tensor embeddings, int[]? labels, IndexTuples? tuples = null) =>
            loss.Compute(embeddings, SecondView(embeddings));
    }
}
