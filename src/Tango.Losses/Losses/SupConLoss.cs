using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Kernels;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses;

/// <summary>
/// Supervised contrastive loss (Khosla et al. 2020, "Supervised Contrastive Learning", eq. 2, L^sup_out; PML's
/// <c>SupConLoss</c>): per anchor i with positives P(i),
/// −(1/|P(i)|)·Σ_{p∈P(i)} log(e^{s_ip/τ} / Σ_{a∈P(i)∪N(i)} e^{s_ia/τ}) = log Σ_a e^{s_ia/τ} − mean_p s_ip/τ (a distance
/// enters as −d). Computed as one masked row log-sum-exp (max-shifted, so PML's subtraction of the detached row
/// maximum is implicit). Anchors without positives give 0; cosine similarity and the average of non-zero rows by
/// default.
/// </summary>
public sealed class SupConLoss : PairLoss
{
    /// <summary>Creates the loss (PML default: τ = 0.1).</summary>
    public SupConLoss(float temperature = 0.1f, Distance? distance = null, Reducer? reducer = null,
        Regularizer? embeddingRegularizer = null, float embeddingRegularizerWeight = 1f)
        : base(distance ?? new CosineSimilarity(), reducer ?? new AvgNonZeroReducer(), embeddingRegularizer,
            embeddingRegularizerWeight)
    {
        if (!(temperature > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature),
                $"SupConLoss: temperature must be positive; got {temperature}.");
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

        int n = input.BatchSize, m = input.ReferenceSize;
        float scale = -Distance.Direction / Temperature;
        var posMask = Mask(n, m, pairs.A1, pairs.P);
        var anyMask = Mask(n, m, pairs.A2, pairs.N);
        var posWeights = new float[n * m];
        var count = new float[n];
        var inverse = new float[n];
        for (int k = 0; k < posMask.Length; k++)
        {
            anyMask[k] |= posMask[k];
            posWeights[k] = posMask[k];
            count[k / m] += posMask[k];
        }

        for (int i = 0; i < n; i++)
        {
            inverse[i] = count[i] > 0 ? 1f / count[i] : 0f;
        }

        var lse = LossOps.MaskedRowLogSumExp(mat, anyMask, scale, 0f, addOne: false);
        var posSum = mat.Mul(Tensor.FromArray(posWeights, n, m)).Sum(1).Mul(scale);
        var losses = lse.Mul(Tensor.FromArray(count)).Sub(posSum).Mul(Tensor.FromArray(inverse));
        return new SubLosses([SubLoss.PerElement("loss", losses, MultiSimilarityLoss.Rows(n))]);
    }
}
