using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Kernels;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses;

/// <summary>
/// NT-Xent / InfoNCE (Chen et al. 2020, "A Simple Framework for Contrastive Learning of Visual Representations",
/// eq. 1; Oord et al. 2018; PML's <c>NTXentLoss</c>): for each positive pair (a, p),
/// −log(e^{s_ap/τ} / (e^{s_ap/τ} + Σ_{n∈N(a)} e^{s_an/τ})) = softplus(L_a − s_ap/τ), where
/// L_a = log Σ_{n∈N(a)} e^{s_an/τ} is computed once per anchor from its negative pairs (a distance enters as −d).
/// PML builds a positives × negatives matrix (O(n⁴) for all pairs); this is O(pairs). Cosine similarity, mean over
/// positive pairs by default.
/// </summary>
public sealed class NtXentLoss : PairLoss
{
    /// <summary>Creates the loss (PML default: τ = 0.07).</summary>
    public NtXentLoss(float temperature = 0.07f, Distance? distance = null, Reducer? reducer = null,
        Regularizer? embeddingRegularizer = null, float embeddingRegularizerWeight = 1f)
        : base(distance ?? new CosineSimilarity(), reducer ?? new MeanReducer(), embeddingRegularizer,
            embeddingRegularizerWeight)
    {
        if (!(temperature > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature),
                $"NtXentLoss: temperature must be positive; got {temperature}.");
        }

        Temperature = temperature;
    }

    /// <summary>The temperature τ.</summary>
    public float Temperature { get; }

    /// <inheritdoc/>
    protected override SubLosses ComputePairLoss(Tensor mat, PairIndices pairs, LossInput input)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(input);
        if (pairs.PositiveCount == 0 || pairs.NegativeCount == 0)
        {
            return ZeroSubLosses();
        }

        float scale = -Distance.Direction / Temperature;
        var pos = PairValues(mat, pairs.A1, pairs.P).Mul(scale);
        var neg = PairValues(mat, pairs.A2, pairs.N).Mul(scale);
        var perAnchor = LossOps.SegmentLogSumExp(neg, pairs.A2, input.BatchSize);
        var losses = perAnchor.IndexSelect(0, pairs.A1).Sub(pos).Softplus();
        return new SubLosses([SubLoss.PerPair("loss", losses, ReductionType.PosPair, pairs.A1, pairs.P)]);
    }
}
