using Tango.Core;
using Tango.Losses;
using Tango.Losses.Miners;

namespace Tango.Benchmarks;

internal static partial class LossTable
{
    /// <summary>
    /// The wrappers of the list, each around the configuration PML's users would reach for:
    /// MultipleLosses(TripletMargin, MultiSimilarity), SelfSupervisedLoss(NTXent) on (batch, second view) where the
    /// second view is the batch plus N(0, 0.5²) noise, and CrossBatchMemory(Contrastive) with PML's default memory
    /// of 1024 rows (full after the warm-ups at B=256; each timed call enqueues the batch and compares it with the
    /// whole memory).
    /// </summary>
    public static readonly (string Name, Func<int, int, int, IMetricLoss> Loss)[] WrapperCases =
    [
        ("MultipleLosses(Triplet+MS)",
            (_, _, _) => new MultipleLosses([new TripletMarginLoss(), new MultiSimilarityLoss()])),
        ("SelfSupervisedLoss(NTXent)", (b, d, c) => new Views(new SelfSupervisedLoss(new NtXentLoss()),
            SecondView(b, d, c))),
        ("CrossBatchMemory(Contrastive)", (_, d, _) => new CrossBatchMemory(new ContrastiveLoss(), d, 1024)),
    ];

    private sealed class Views(SelfSupervisedLoss loss, Tensor view) : IMetricLoss
    {
        public Tensor Compute(Tensor embeddings, int[]? labels, IndexTuples? tuples = null) =>
            loss.Compute(embeddings, view);
    }
}
