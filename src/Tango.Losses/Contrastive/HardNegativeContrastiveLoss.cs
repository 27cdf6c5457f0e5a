using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses.Contrastive;

/// <summary>
/// Hard-negative contrastive loss (Robinson et al. 2021, "Contrastive Learning with Hard Negative Samples",
/// with the importance-sampling estimate of its negatives): the debiased loss of <see cref="DebiasedContrastiveLoss"/>
/// with negatives drawn from q_β(x⁻) ∝ e^{β·s(x, x⁻)}·p(x⁻), which concentrates on the hardest ones. For each
/// positive pair (a, p) with N negatives, weights w_n = softmax_n(β·s_an/τ) and cosine similarities s,
/// Ng = max((N·Σ_n w_n·e^{s_an/τ} − τ⁺·N·e^{s_ap/τ}) / (1 − τ⁺), N·e^{−1/τ}),
/// L = −log(e^{s_ap/τ} / (e^{s_ap/τ} + Ng)). β = 0 is the debiased loss, τ⁺ = 0 drops the debiasing. The weights are
/// not detached (as in the authors' code). Mean over positive pairs by default.
/// </summary>
public sealed class HardNegativeContrastiveLoss : PairLoss
{
    /// <summary>Creates the loss (paper defaults: τ = 0.5, β = 1, τ⁺ = 0.1).</summary>
    public HardNegativeContrastiveLoss(float temperature = 0.5f, float beta = 1f, float tauPlus = 0.1f,
        Reducer? reducer = null, Regularizer? embeddingRegularizer = null, float embeddingRegularizerWeight = 1f)
        : base(new CosineSimilarity(), reducer ?? new MeanReducer(), embeddingRegularizer, embeddingRegularizerWeight)
    {
        Temperature = Check.Positive(temperature, nameof(temperature), nameof(HardNegativeContrastiveLoss));
        Beta = float.IsFinite(beta) && beta >= 0 ? beta : throw new ArgumentOutOfRangeException(nameof(beta),
            $"HardNegativeContrastiveLoss: beta must be finite and ≥ 0; got {beta}.");
        TauPlus = Check.InRange(tauPlus, 0f, 1f, nameof(tauPlus), nameof(HardNegativeContrastiveLoss));
    }

    /// <summary>The temperature τ.</summary>
    public float Temperature { get; }

    /// <summary>The concentration β of the hard-negative distribution (0: uniform).</summary>
    public float Beta { get; }

    /// <summary>The class prior τ⁺.</summary>
    public float TauPlus { get; }

    /// <inheritdoc/>
    protected override SubLosses ComputePairLoss(Tensor mat, PairSet pairs, LossInput input)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(input);
        return pairs.PositiveCount == 0 || pairs.NegativeCount == 0
            ? ZeroSubLosses()
            : NegativeEstimator.Compute(mat, pairs, input.BatchSize, Temperature, Beta, TauPlus);
    }
}
