using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Kernels;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses;

/// <summary>
/// The generalised lifted structure loss (Hermans, Beyer &amp; Leibe 2017, "In Defense of the Triplet Loss for
/// Person Re-Identification", §2, page 4; PML's <c>GeneralizedLiftedStructureLoss</c>): per anchor
/// [log Σ_p e^{d_ap − m_pos} + log Σ_n e^{m_neg − d_an}]₊ (directions flip for a similarity; an anchor without
/// positives or negatives uses 0 for that log-sum). Fused masked row log-sum-exps; Euclidean distance, mean over
/// anchors by default.
/// </summary>
public sealed class GeneralizedLiftedStructureLoss : PairLoss
{
    /// <summary>Creates the loss (PML defaults: negative margin 1, positive margin 0).</summary>
    public GeneralizedLiftedStructureLoss(float negMargin = 1f, float posMargin = 0f, Distance? distance = null,
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
        int n = input.BatchSize, m = input.ReferenceSize;
        float dir = Distance.Direction;
        // margin(d, m_pos) = dir·d − dir·m_pos; margin(m_neg, d) = −dir·d + dir·m_neg.
        var pos = LossOps.MaskedRowLogSumExp(mat, Mask(n, m, pairs.A1, pairs.P), dir, -dir * PosMargin, addOne: false);
        var neg = LossOps.MaskedRowLogSumExp(mat, Mask(n, m, pairs.A2, pairs.N), -dir, dir * NegMargin, addOne: false);
        return new SubLosses([SubLoss.PerElement("loss", pos.Add(neg).Relu(), MultiSimilarityLoss.Rows(n))]);
    }
}
