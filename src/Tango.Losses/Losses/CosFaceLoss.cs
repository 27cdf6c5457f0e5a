using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Kernels;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses;

/// <summary>
/// CosFace, large margin cosine loss (Wang et al. 2018, "CosFace: Large Margin Cosine Loss for Deep Face
/// Recognition"; PML's <c>CosFaceLoss</c>): the true class's logit is s·(cos θ − m), the others s·cos θ, with
/// embeddings and class weights L2-normalised. The margin is on the cosine, not an angle.
/// </summary>
public sealed class CosFaceLoss : MarginSoftmaxLoss
{
    /// <summary>Creates the loss (PML defaults: margin 0.35, scale 64, cosine similarity, mean reducer).</summary>
    public CosFaceLoss(int numClasses, int embeddingSize, float margin = 0.35f, float scale = 64f,
        Distance? distance = null, Reducer? reducer = null, Regularizer? embeddingRegularizer = null,
        float embeddingRegularizerWeight = 1f, Regularizer? weightRegularizer = null,
        float weightRegularizerWeight = 1f, Rng? rng = null)
        : base(numClasses, embeddingSize, numClasses, scale, distance, reducer, embeddingRegularizer,
            embeddingRegularizerWeight, weightRegularizer, weightRegularizerWeight, rng)
    {
        if (!float.IsFinite(margin))
        {
            throw new ArgumentOutOfRangeException(nameof(margin), $"CosFaceLoss: margin must be finite; got {margin}.");
        }

        Margin = margin;
    }

    /// <summary>The additive cosine margin.</summary>
    public float Margin { get; }

    /// <inheritdoc/>
    private protected override ValueSlope ModifyTargetCosine(float cosine) => new(cosine - Margin, 1f);
}
