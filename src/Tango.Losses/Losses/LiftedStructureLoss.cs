using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Kernels;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses;

/// <summary>
/// Lifted structured loss (Oh Song et al. 2016, "Deep Metric Learning via Lifted Structured Feature Embedding",
/// eq. 4; PML's <c>LiftedStructureLoss</c>): for each positive pair (i, j),
/// ½·[log Σ_{(k, l) negative, k ∈ {i, j}} e^{m_neg − d_kl} + d_ij − m_pos]₊², where the negatives are the negative
/// pairs anchored at i or at j (directions flip for a similarity; a pair without negatives uses 0 for the log-sum,
/// as PML). The log-sum is combined from per-anchor log-sum-exps — O(pairs) memory where PML builds a positives ×
/// negatives matrix. Euclidean distance, mean over positive pairs by default.
/// </summary>
public sealed class LiftedStructureLoss : PairLoss
{
    /// <summary>Creates the loss (PML defaults: negative margin 1, positive margin 0).</summary>
    public LiftedStructureLoss(float negMargin = 1f, float posMargin = 0f, Distance? distance = null,
        Reducer? reducer = null, Regularizer? embeddingRegularizer = null, float embeddingRegularizerWeight = 1f)
        : base(distance ?? new LpDistance(), reducer ?? new MeanReducer(), embeddingRegularizer,
            embeddingRegularizerWeight)
    {
        NegMargin = negMargin;
        PosMargin = posMargin;
    }

    /// <summary>The negative margin.</summary>
    public float NegMargin { get; }

    /// <summary>The positive margin.</summary>
    public float PosMargin { get; }

    /// <inheritdoc/>
    protected override SubLosses ComputePairLoss(Tensor mat, PairIndices pairs, LossInput input)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(input);
        if (pairs.PositiveCount == 0 || pairs.NegativeCount == 0)
        {
            return ZeroSubLosses();
        }

        // PML matches negative-pair anchors against both members of the positive pair (a positive's index is a
        // reference index; with a larger reference set it simply matches no anchor).
        int segments = Math.Max(input.BatchSize, input.ReferenceSize);
        var neg = Distance.Margin(NegMargin, PairValues(mat, pairs.A2, pairs.N));
        var perAnchor = LossOps.SegmentLogSumExp(neg, pairs.A2, segments);
        var lse = LossOps.PairLogAddExp(perAnchor, pairs.A1, pairs.P, emptyValue: 0f);
        var pos = Distance.Margin(PairValues(mat, pairs.A1, pairs.P), PosMargin);
        var losses = lse.Add(pos).Relu().Square().Mul(0.5f);
        return new SubLosses([SubLoss.PerPair("loss", losses, ReductionType.PosPair, pairs.A1, pairs.P)]);
    }
}
