using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Kernels;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses;

/// <summary>
/// Tuplet margin loss (Yu &amp; Tao 2019, "Deep Metric Learning with Tuplet Margin Loss", eq. 4; PML's
/// <c>TupletMarginLoss</c>): for each positive pair (a, p) with angle θ_ap,
/// log(1 + Σ_{n∈N(a)} e^{s·(cos θ_an − cos(θ_ap − β))}) = softplus(log Σ_n e^{s·cos θ_an} − s·cos(θ_ap − β)), with the
/// margin β given in degrees (as PML) and the per-anchor log-sum-exp computed once — O(pairs) memory where PML
/// builds a positives × negatives matrix. Requires cosine similarity; mean over positive pairs by default.
/// </summary>
public sealed class TupletMarginLoss : PairLoss
{
    /// <summary>Creates the loss (PML defaults: margin 5.73°, scale 64).</summary>
    public TupletMarginLoss(float marginDegrees = 5.73f, float scale = 64f, Distance? distance = null,
        Reducer? reducer = null, Regularizer? embeddingRegularizer = null, float embeddingRegularizerWeight = 1f)
        : base(distance ?? new CosineSimilarity(), reducer ?? new MeanReducer(), embeddingRegularizer,
            embeddingRegularizerWeight)
    {
        RequireDistance<CosineSimilarity>("the margin is an angle between unit vectors");
        MarginDegrees = marginDegrees;
        Scale = scale;
    }

    /// <summary>The angular margin β in degrees.</summary>
    public float MarginDegrees { get; }

    /// <summary>The scale s.</summary>
    public float Scale { get; }

    /// <inheritdoc/>
    protected override SubLosses ComputePairLoss(Tensor mat, PairIndices pairs, LossInput input)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(input);
        if (pairs.PositiveCount == 0 || pairs.NegativeCount == 0)
        {
            return ZeroSubLosses();
        }

        float margin = (float)(MarginDegrees * Math.PI / 180.0);
        var pos = LossOps.ShiftedCosine(PairValues(mat, pairs.A1, pairs.P), margin).Mul(Scale);
        var neg = PairValues(mat, pairs.A2, pairs.N).Mul(Scale);
        var perAnchor = LossOps.SegmentLogSumExp(neg, pairs.A2, input.BatchSize);
        var losses = perAnchor.IndexSelect(0, pairs.A1).Sub(pos).Softplus();
        return new SubLosses([SubLoss.PerPair("loss", losses, ReductionType.PosPair, pairs.A1, pairs.P)]);
    }
}
