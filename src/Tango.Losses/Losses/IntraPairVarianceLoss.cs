using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses;

/// <summary>
/// Intra-pair variance loss (Yu et al. 2019, "Deep Metric Learning with Tuplet Margin Loss", eq. 6; PML's
/// <c>IntraPairVarianceLoss</c>): pairs are pulled towards their kind's mean, with slack ε:
/// pos = [(1 − ε_pos)·μ_pos − s_ap]₊², neg = [s_an − (1 + ε_neg)·μ_neg]₊² for a similarity (mirrored for a distance),
/// μ the mean over the batch's positive (negative) pairs. Sub-losses "pos_loss" and "neg_loss"; cosine
/// similarity and means by default.
/// </summary>
public sealed class IntraPairVarianceLoss : PairLoss
{
    /// <summary>Creates the loss (PML defaults: ε = 0.01 for both).</summary>
    public IntraPairVarianceLoss(float posEps = 0.01f, float negEps = 0.01f, Distance? distance = null,
        Reducer? reducer = null, Regularizer? embeddingRegularizer = null, float embeddingRegularizerWeight = 1f)
        : base(distance ?? new CosineSimilarity(), reducer ?? new MeanReducer(), embeddingRegularizer,
            embeddingRegularizerWeight)
    {
        PosEps = posEps;
        NegEps = negEps;
    }

    /// <summary>The positive slack ε_pos.</summary>
    public float PosEps { get; }

    /// <summary>The negative slack ε_neg.</summary>
    public float NegEps { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<string> OwnSubLossNames => ["pos_loss", "neg_loss"];

    /// <inheritdoc/>
    protected override SubLosses ComputePairLoss(Tensor mat, PairIndices pairs, LossInput input)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var pos = pairs.PositiveCount == 0
            ? SubLoss.Zero("pos_loss")
            : SubLoss.PerPair("pos_loss", Variance(PairValues(mat, pairs.A1, pairs.P), PosEps, Distance.IsSimilarity),
                ReductionType.PosPair, pairs.A1, pairs.P);
        var neg = pairs.NegativeCount == 0
            ? SubLoss.Zero("neg_loss")
            : SubLoss.PerPair("neg_loss", Variance(PairValues(mat, pairs.A2, pairs.N), NegEps, !Distance.IsSimilarity),
                ReductionType.NegPair, pairs.A2, pairs.N);
        return new SubLosses([pos, neg]);
    }

    // [(1 − ε)·mean − v]₊² when the values should increase, else [v − (1 + ε)·mean]₊².
    private static Tensor Variance(Tensor values, float eps, bool increase)
    {
        var mean = values.Mean();
        var gap = increase ? mean.Mul(1f - eps).Sub(values) : values.Sub(mean.Mul(1f + eps));
        return gap.Relu().Square();
    }
}
