using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses.Contrastive;

/// <summary>
/// Debiased contrastive loss (Chuang et al. 2020, "Debiased Contrastive Learning"): the negatives of an
/// anchor are drawn from the data, so a fraction τ⁺ (the class prior) of them share its class. For each positive
/// pair (a, p) with N = |N(a)| negatives and s the cosine similarity,
/// L = −log(e^{s_ap/τ} / (e^{s_ap/τ} + Ng)), Ng = max((Σ_n e^{s_an/τ} − τ⁺·N·e^{s_ap/τ}) / (1 − τ⁺), N·e^{−1/τ}),
/// the floor being the smallest value the expectation can take with cosines. τ⁺ = 0 gives NT-Xent (floored).
/// With labels from <see cref="SelfSupervisedLoss"/> N(a) is all 2n − 2 other rows, as in the paper. Mean over
/// positive pairs by default; pairs whose anchor has no negative are skipped.
/// </summary>
public sealed class DebiasedContrastiveLoss : PairLoss
{
    /// <summary>Creates the loss (paper defaults: τ = 0.5, τ⁺ = 0.1).</summary>
    public DebiasedContrastiveLoss(float temperature = 0.5f, float tauPlus = 0.1f, Reducer? reducer = null,
        Regularizer? embeddingRegularizer = null, float embeddingRegularizerWeight = 1f)
        : base(new CosineSimilarity(), reducer ?? new MeanReducer(), embeddingRegularizer, embeddingRegularizerWeight)
    {
        Temperature = Check.Positive(temperature, nameof(temperature), nameof(DebiasedContrastiveLoss));
        TauPlus = Check.InRange(tauPlus, 0f, 1f, nameof(tauPlus), nameof(DebiasedContrastiveLoss));
    }

    /// <summary>The temperature τ.</summary>
    public float Temperature { get; }

    /// <summary>The class prior τ⁺: the probability that a drawn negative is in fact a positive.</summary>
    public float TauPlus { get; }

    /// <inheritdoc/>
    protected override SubLosses ComputePairLoss(Tensor mat, PairSet pairs, LossInput input)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(input);
        return pairs.PositiveCount == 0 || pairs.NegativeCount == 0
            ? ZeroSubLosses()
            : NegativeEstimator.Compute(mat, pairs, input.BatchSize, Temperature, 0f, TauPlus);
    }
}
