using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses;

/// <summary>
/// SphereFace, angular softmax A-Softmax (Liu et al. 2017, "SphereFace: Deep Hypersphere Embedding for Face
/// Recognition"; PML's <c>SphereFaceLoss</c>): the multiplicative angular margin of
/// <see cref="LargeMarginSoftmaxLoss"/> with normalised class weights, so each logit is ‖x_i‖·s·(modified
/// cosine) and the class weights' norms play no part.
/// </summary>
public sealed class SphereFaceLoss : LargeMarginSoftmaxLoss
{
    /// <summary>Creates the loss (PML defaults: margin 4, scale 1, cosine similarity, mean reducer).</summary>
    public SphereFaceLoss(int numClasses, int embeddingSize, int margin = 4, float scale = 1f,
        Distance? distance = null, Reducer? reducer = null, Regularizer? embeddingRegularizer = null,
        float embeddingRegularizerWeight = 1f, Regularizer? weightRegularizer = null,
        float weightRegularizerWeight = 1f, Rng? rng = null)
        : base(numClasses, embeddingSize, margin, scale, distance, reducer, embeddingRegularizer,
            embeddingRegularizerWeight, weightRegularizer, weightRegularizerWeight, rng)
    {
    }

    /// <summary>‖x_i‖₂·s times the logits.</summary>
    protected override Tensor ScaleLogits(Tensor logits, Tensor embeddings)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(embeddings);
        return logits.Mul(embeddings.Square().Sum(1, keepDim: true).Sqrt()).Mul(Scale);
    }
}
