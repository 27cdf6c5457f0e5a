using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Kernels;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses;

/// <summary>
/// The base of losses that train one weight vector (or a few sub-centres, or a proxy) per class next to the
/// embeddings and take the softmax cross-entropy of the resulting class logits: the large-margin softmax family
/// (ArcFace, CosFace, SphereFace, ...), NormalizedSoftmax, ProxyNCA and SoftTriple. Each element's loss is
/// CE(logits_i, y_i), multiplied by PML's miner weight when tuples are given (how often the element occurs in
/// them over the largest count); one "loss" sub-loss per element, then the weight regulariser's term.
/// Labels must be class indices in [0, <see cref="NumClasses"/>); separate reference embeddings are not supported.
/// </summary>
public abstract class ClassifierLoss : ParametricLoss
{
    /// <summary>Sets the class count, the embedding size and the shared components.</summary>
    protected ClassifierLoss(int numClasses, int embeddingSize, Distance distance, Reducer reducer,
        Regularizer? embeddingRegularizer, float embeddingRegularizerWeight, Regularizer? weightRegularizer,
        float weightRegularizerWeight)
        : base(distance, reducer, embeddingRegularizer, embeddingRegularizerWeight, weightRegularizer,
            weightRegularizerWeight)
    {
        ClassLabels.CheckSizes(GetType().Name, numClasses, embeddingSize);
        NumClasses = numClasses;
        EmbeddingSize = embeddingSize;
    }

    /// <summary>The number of classes (labels lie in [0, NumClasses)).</summary>
    public int NumClasses { get; }

    /// <summary>The dimension of the embeddings the loss accepts.</summary>
    public int EmbeddingSize { get; }

    /// <inheritdoc/>
    public override bool SupportsReferenceEmbeddings => false;

    /// <summary>
    /// Whether miner weights count only the anchors of the tuples (ProxyNCA, whose reference set is the proxies:
    /// PML's <c>using_ref</c>) instead of every index in them.
    /// </summary>
    protected virtual bool MinerWeightsFromAnchorsOnly => false;

    /// <summary>
    /// The class logits of <paramref name="embeddings"/> (n, <see cref="EmbeddingSize"/>) without any training margin
    /// (PML's <c>get_logits</c>): argmax over a row is the predicted class. Differentiable.
    /// </summary>
    // embeddings: (n, d) -> (n, classes)
    public Tensor Logits(Tensor embeddings)
    {
        ClassLabels.CheckDimension(GetType().Name, embeddings, EmbeddingSize);
        return ComputeLogits(embeddings);
    }

    /// <summary>The class logits without a margin (see <see cref="Logits"/>); embeddings already checked.</summary>
    // embeddings: (n, d) -> (n, classes)
    protected abstract Tensor ComputeLogits(Tensor embeddings);

    /// <summary>The logits the cross-entropy is taken of: with the loss's margin at each row's label.</summary>
    // embeddings: (n, d), labels: (n) -> (n, classes)
    protected virtual Tensor TrainingLogits(Tensor embeddings, int[] labels) => ComputeLogits(embeddings);

    /// <summary>The rows the weight regulariser sees: one per class, proxy or sub-centre.</summary>
    // -> (rows, d)
    protected abstract Tensor WeightRows();

    /// <inheritdoc/>
    protected override SubLosses ComputeSubLosses(LossInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var labels = ClassLabels.Require(GetType().Name, input, NumClasses, EmbeddingSize);
        var losses = LossOps.CrossEntropy(TrainingLogits(input.Embeddings, labels), labels);
        if (ClassLabels.MinerWeights(input, MinerWeightsFromAnchorsOnly) is { } weights)
        {
            losses = losses.Mul(weights);
        }

        var terms = new SubLosses([SubLoss.PerElement("loss", losses, ClassLabels.Range(input.BatchSize))]);
        AddWeightRegularization(terms, WeightRows());
        return terms;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{GetType().Name}(classes: {NumClasses}, embeddingSize: {EmbeddingSize}, distance: {Distance}, " +
        $"reducer: {Reducer})";
}
