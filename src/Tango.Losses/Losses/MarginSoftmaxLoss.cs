using Tango.Core;
using Tango.Core.Memory;
using Tango.Losses.Distances;
using Tango.Losses.Kernels;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;
using Tango.NN;

namespace Tango.Losses;

/// <summary>
/// The skeleton of the large-margin softmax family (PML's <c>LargeMarginSoftmaxLoss</c> and its subclasses):
/// a class weight matrix <see cref="W"/> (embedding size × classes), the cosine between each embedding and each
/// class column, a margin applied to the cosine of the true class only (<see cref="ModifyTargetCosine"/>), a
/// scale (<see cref="ScaleLogits"/>), and the softmax cross-entropy of the result. The distance must be
/// <see cref="CosineSimilarity"/>. W starts from N(0, 1) (PML's <c>normal_</c>) drawn from the given
/// <see cref="Rng"/>.
/// </summary>
public abstract class MarginSoftmaxLoss : ClassifierLoss
{
    /// <summary>Creates W (embeddingSize × <paramref name="weightColumns"/>) and checks the distance.</summary>
    private protected MarginSoftmaxLoss(int numClasses, int embeddingSize, int weightColumns, float scale,
        Distance? distance, Reducer? reducer, Regularizer? embeddingRegularizer, float embeddingRegularizerWeight,
        Regularizer? weightRegularizer, float weightRegularizerWeight, Rng? rng)
        : base(numClasses, embeddingSize, distance ?? new CosineSimilarity(), reducer ?? new MeanReducer(),
            embeddingRegularizer, embeddingRegularizerWeight, weightRegularizer, weightRegularizerWeight)
    {
        RequireDistance<CosineSimilarity>("the margin acts on the angle between embedding and class weight");
        if (!float.IsFinite(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale),
                $"{GetType().Name}: scale must be finite; got {scale}.");
        }

        Scale = scale;
        W = RegisterParameter("W",
            TensorScope.Unowned(() => NormalInit(rng ?? Init.DefaultRng, [embeddingSize, weightColumns])));
    }

    /// <summary>The class weights, (embedding size, classes) as PML stores them; column j belongs to class j.</summary>
    public Tensor W { get; }

    /// <summary>The factor applied to the logits.</summary>
    public float Scale { get; }

    /// <summary>The cosine between each embedding and each class (n, classes).</summary>
    // embeddings: (n, d) -> (n, classes)
    protected virtual Tensor Cosine(Tensor embeddings) => Distance.Matrix(embeddings, W.T);

    /// <summary>The true class's cosine after the margin, with its derivative with respect to the cosine.</summary>
    private protected abstract ValueSlope ModifyTargetCosine(float cosine);

    /// <summary>Turns (margin-modified) cosines into logits; by default multiplies by <see cref="Scale"/>.</summary>
    // logits: (n, classes), embeddings: (n, d) -> (n, classes)
    protected virtual Tensor ScaleLogits(Tensor logits, Tensor embeddings) => logits.Mul(Scale);

    /// <inheritdoc/>
    protected sealed override Tensor ComputeLogits(Tensor embeddings) => ScaleLogits(Cosine(embeddings), embeddings);

    /// <inheritdoc/>
    protected sealed override Tensor TrainingLogits(Tensor embeddings, int[] labels) =>
        ScaleLogits(LossOps.ReplaceTargets(Cosine(embeddings), labels, ModifyTargetCosine), embeddings);

    /// <inheritdoc/>
    protected override Tensor WeightRows() => W.T;
}
