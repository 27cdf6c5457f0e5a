using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Kernels;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses.Contrastive;

/// <summary>
/// Decoupled contrastive learning (Yeh et al. 2022, "Decoupled Contrastive Learning"): InfoNCE
/// with the positive removed from the denominator. For each positive pair (a, p),
/// L = −w_ap·s_ap/τ + log Σ_{n∈N(a)} e^{s_an/τ} (a distance enters as −d). DCL has w = 1; DCLW (weighted, when
/// <see cref="WeightSigma"/> is set) uses w_ap = 2 − K·softmax_k(s_k/σ) over the batch's K positive pairs, i.e.
/// 2 − e^{s_ap/σ}/mean_k e^{s_k/σ}, differentiable as in the authors' code. With labels from
/// <see cref="SelfSupervisedLoss"/> (two views stacked) N(a) is every other row but the positive: the paper's
/// two-view loss, both directions. Pairs whose anchor has no negative are skipped (the loss is −∞ there).
/// Cosine similarity and the mean over positive pairs by default.
/// </summary>
public sealed class DecoupledContrastiveLoss : PairLoss
{
    /// <summary>Creates the loss (paper defaults: τ = 0.1; DCLW σ = 0.5).</summary>
    public DecoupledContrastiveLoss(float temperature = 0.1f, float? weightSigma = null, Distance? distance = null,
        Reducer? reducer = null, Regularizer? embeddingRegularizer = null, float embeddingRegularizerWeight = 1f)
        : base(distance ?? new CosineSimilarity(), reducer ?? new MeanReducer(), embeddingRegularizer,
            embeddingRegularizerWeight)
    {
        Temperature = Check.Positive(temperature, nameof(temperature), nameof(DecoupledContrastiveLoss));
        WeightSigma = weightSigma is { } s ? Check.Positive(s, nameof(weightSigma), nameof(DecoupledContrastiveLoss))
            : null;
    }

    /// <summary>The temperature τ.</summary>
    public float Temperature { get; }

    /// <summary>The σ of DCLW's positive-pair weights, or null for unweighted DCL.</summary>
    public float? WeightSigma { get; }

    /// <inheritdoc/>
    protected override SubLosses ComputePairLoss(Tensor mat, PairSet pairs, LossInput input)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(input);
        if (pairs.PositiveCount == 0 || pairs.NegativeCount == 0)
        {
            return ZeroSubLosses();
        }

        var p = pairs.Indices;
        float sign = -Distance.Direction;
        var negatives = PairValues(mat, p.A2, p.N).Mul(sign / Temperature);
        var lse = LossOps.SegmentLogSumExp(negatives, p.A2, input.BatchSize);
        var (anchors, others) = Check.WithNegatives(p.A1, p.P, lse.Span);
        if (anchors.Length == 0)
        {
            return ZeroSubLosses();
        }

        var similarity = PairValues(mat, anchors, others).Mul(sign);
        var positive = similarity.Mul(1f / Temperature);
        if (WeightSigma is { } sigma)
        {
            var weights = similarity.Mul(1f / sigma).Softmax(0).Mul(-anchors.Length).Add(2f);
            positive = positive.Mul(weights);
        }

        var losses = lse.IndexSelect(0, anchors).Sub(positive);
        return new SubLosses([SubLoss.PerPair("loss", losses, ReductionType.PosPair, anchors, others)]);
    }
}
