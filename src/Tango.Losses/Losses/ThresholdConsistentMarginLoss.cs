using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses;

/// <summary>
/// Threshold-consistent margin loss (Zhang et al. 2023, "Threshold-Consistent Margin Loss for Open-World Deep
/// Metric Learning"; PML's <c>ThresholdConsistentMarginLoss</c>), a regulariser that pulls every positive pair's
/// cosine above m⁺ and pushes every negative pair's below m⁻:
/// L = λ⁺·mean_{s_ap ≤ m⁺}(m⁺ − s_ap) + λ⁻·mean_{s_an ≥ m⁻}(s_an − m⁻), each mean 0 when no pair qualifies.
/// Pairs are all positive and negative pairs (or the given tuples as pairs); the value is already reduced.
/// Unlike PML, separate reference embeddings are honoured (PML indexes the batch with reference indices).
/// </summary>
public sealed class ThresholdConsistentMarginLoss : PairLoss
{
    /// <summary>Creates the loss (PML defaults: λ⁺ = λ⁻ = 1, m⁺ = 0.9, m⁻ = 0.5, cosine similarity).</summary>
    public ThresholdConsistentMarginLoss(float lambdaPlus = 1f, float lambdaMinus = 1f, float marginPlus = 0.9f,
        float marginMinus = 0.5f, Distance? distance = null, Reducer? reducer = null,
        Regularizer? embeddingRegularizer = null, float embeddingRegularizerWeight = 1f)
        : base(distance ?? new CosineSimilarity(), reducer ?? new MeanReducer(), embeddingRegularizer,
            embeddingRegularizerWeight)
    {
        RequireDistance<CosineSimilarity>("its margins are cosine thresholds");
        LambdaPlus = lambdaPlus;
        LambdaMinus = lambdaMinus;
        MarginPlus = marginPlus;
        MarginMinus = marginMinus;
    }

    /// <summary>The weight λ⁺ of the positive term.</summary>
    public float LambdaPlus { get; }

    /// <summary>The weight λ⁻ of the negative term.</summary>
    public float LambdaMinus { get; }

    /// <summary>Positive pairs with a cosine at most m⁺ pay m⁺ − s.</summary>
    public float MarginPlus { get; }

    /// <summary>Negative pairs with a cosine at least m⁻ pay s − m⁻.</summary>
    public float MarginMinus { get; }

    /// <inheritdoc/>
    protected override SubLosses ComputePairLoss(Tensor mat, PairSet pairs, LossInput input)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(input);
        var p = pairs.Indices;
        var total = Kernels.LossOps.ZeroLoss(input.Embeddings);
        if (p.PositiveCount > 0)
        {
            var shortfall = PairValues(mat, p.A1, p.P).Neg().Add(MarginPlus);
            total = total.Add(MeanOfNonNegative(shortfall).Mul(LambdaPlus));
        }

        if (p.NegativeCount > 0)
        {
            var excess = PairValues(mat, p.A2, p.N).Sub(Tensor.Scalar(MarginMinus));
            total = total.Add(MeanOfNonNegative(excess).Mul(LambdaMinus));
        }

        return new SubLosses([SubLoss.Reduced("loss", total)]);
    }

    // The mean of the entries ≥ 0 (PML's s ≤ m⁺ and s ≥ m⁻ are inclusive), 0 when there is none.
    // v: (k) -> ()
    private static Tensor MeanOfNonNegative(Tensor v)
    {
        var keep = v.Ge(0f);
        float count = keep.Sum().Item();
        return count == 0 ? Tensor.Scalar(0f) : v.Mul(keep).Sum().Mul(1f / count);
    }
}
