using Tango.Core;
using Tango.Core.Memory;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;
using Tango.NN;

namespace Tango.Losses;

/// <summary>
/// Normalised softmax (Zhai &amp; Wu 2019, "Classification is a Strong Baseline for Deep Metric Learning"; PML's
/// <c>NormalizedSoftmaxLoss</c>): cross-entropy of the similarity between each embedding and each L2-normalised
/// class weight, divided by a temperature: logits = sim(x_i, w_j / ‖w_j‖) / T (negated for a distance). W is
/// (embedding size, classes), initialised N(0, 1).
/// </summary>
public sealed class NormalizedSoftmaxLoss : ClassifierLoss
{
    /// <summary>Creates the loss (PML defaults: temperature 0.05, normalised dot product, mean reducer).</summary>
    public NormalizedSoftmaxLoss(int numClasses, int embeddingSize, float temperature = 0.05f,
        Distance? distance = null, Reducer? reducer = null, Regularizer? embeddingRegularizer = null,
        float embeddingRegularizerWeight = 1f, Regularizer? weightRegularizer = null,
        float weightRegularizerWeight = 1f, Rng? rng = null)
        : base(numClasses, embeddingSize, distance ?? new DotProductSimilarity(), reducer ?? new MeanReducer(),
            embeddingRegularizer, embeddingRegularizerWeight, weightRegularizer, weightRegularizerWeight)
    {
        if (!(temperature > 0f) || !float.IsFinite(temperature))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature),
                $"NormalizedSoftmaxLoss: temperature must be positive and finite; got {temperature}.");
        }

        Temperature = temperature;
        W = RegisterParameter("W",
            TensorScope.Unowned(() => NormalInit(rng ?? Init.DefaultRng, [embeddingSize, numClasses])));
    }

    /// <summary>The class weights, (embedding size, classes).</summary>
    public Tensor W { get; }

    /// <summary>The softmax temperature the similarities are divided by.</summary>
    public float Temperature { get; }

    /// <inheritdoc/>
    protected override Tensor ComputeLogits(Tensor embeddings)
    {
        var logits = Distance.Matrix(embeddings, Distance.Normalize(W.T)).Mul(1f / Temperature);
        return Distance.IsSimilarity ? logits : logits.Neg();
    }

    /// <inheritdoc/>
    protected override Tensor WeightRows() => W.T;
}
