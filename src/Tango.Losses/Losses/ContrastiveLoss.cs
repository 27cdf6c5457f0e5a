using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses;

/// <summary>
/// Contrastive loss (Hadsell, Chopra &amp; LeCun 2006, "Dimensionality Reduction by Learning an Invariant
/// Mapping"; PML's <c>ContrastiveLoss</c>): positive pairs pay for being farther than
/// <see cref="PosMargin"/>, negative pairs for being closer than <see cref="NegMargin"/>:
/// pos = [d_ap − m_pos]₊, neg = [m_neg − d_an]₊ (directions flip for a similarity). Sub-losses "pos_loss" and
/// "neg_loss", each reduced (by default averaged over the non-zero ones) and added.
/// </summary>
public class ContrastiveLoss : PairLoss
{
    /// <summary>Creates the loss (PML defaults: margins 0 and 1, Euclidean distance, average of non-zero).</summary>
    public ContrastiveLoss(float posMargin = 0f, float negMargin = 1f, Distance? distance = null,
        Reducer? reducer = null, Regularizer? embeddingRegularizer = null, float embeddingRegularizerWeight = 1f)
        : base(distance ?? new LpDistance(), reducer ?? new AvgNonZeroReducer(), embeddingRegularizer,
            embeddingRegularizerWeight)
    {
        PosMargin = posMargin;
        NegMargin = negMargin;
    }

    /// <summary>Positive pairs farther than this are penalised.</summary>
    public float PosMargin { get; }

    /// <summary>Negative pairs closer than this are penalised.</summary>
    public float NegMargin { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<string> OwnSubLossNames => ["pos_loss", "neg_loss"];

    /// <inheritdoc/>
    protected override Tensor? ComputeReduced(LossInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var pos = Reducer.ForSubLoss("pos_loss").Streaming;
        var neg = Reducer.ForSubLoss("neg_loss").Streaming;
        if (pos is null || neg is null || pos.Divisor == StreamingDivisor.Given || neg.Divisor == StreamingDivisor.Given
            || (input.Tuples is null && input.Labels is null)
            || ((pos.ClassWeights ?? neg.ClassWeights) is not null && input.Labels is null))
        {
            return null;
        }

        if (input.Tuples is { IsEmpty: true })
        {
            return Kernels.LossOps.ZeroLoss(input.Embeddings);
        }

        var term = new Kernels.ContrastiveKernel.Term(Distance.Direction, PosMargin, NegMargin);
        return Kernels.ContrastiveKernel.Reduce(input.Matrix(Distance), input, term, pos, neg);
    }

    /// <inheritdoc/>
    protected override SubLosses ComputePairLoss(Tensor mat, PairSet pairs, LossInput input)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var p = pairs.Indices;
        var pos = p.PositiveCount == 0
            ? SubLoss.Zero("pos_loss")
            : SubLoss.PerPair("pos_loss", Distance.Margin(PairValues(mat, p.A1, p.P), PosMargin).Relu(),
                ReductionType.PosPair, p.A1, p.P);
        var neg = p.NegativeCount == 0
            ? SubLoss.Zero("neg_loss")
            : SubLoss.PerPair("neg_loss", Distance.Margin(NegMargin, PairValues(mat, p.A2, p.N)).Relu(),
                ReductionType.NegPair, p.A2, p.N);
        return new SubLosses([pos, neg]);
    }
}
