using Tango.Core;
using Tango.Core.Memory;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;
using Tango.NN;

namespace Tango.Losses.Contrastive;

/// <summary>
/// Harmonic loss (Baek et al. 2025, "Harmonic Loss Trains Interpretable AI Models"): the logits of a classifier are
/// replaced by Euclidean distances d_j = ‖w_j − x‖₂ to learned class centres w_j, turned into probabilities by the
/// harmonic max p_j = d_j^{−n} / Σ_k d_k^{−n} with the harmonic exponent n, and the loss is −log p_y. Computed as the
/// cross-entropy of the logits −(n/2)·log max(d², 1e-12) (so a sample exactly on a centre stays finite). Centres
/// are (classes, embedding size), initialised N(0, 1); the embeddings are not normalised. Mean over the batch.
/// </summary>
public sealed class HarmonicLoss : ClassifierLoss
{
    /// <summary>Creates the loss; <paramref name="exponent"/> null gives n = √embeddingSize (Tango's default; the
    /// paper treats n as a hyper-parameter).</summary>
    public HarmonicLoss(int numClasses, int embeddingSize, float? exponent = null, Reducer? reducer = null,
        Regularizer? embeddingRegularizer = null, float embeddingRegularizerWeight = 1f,
        Regularizer? weightRegularizer = null, float weightRegularizerWeight = 1f, Rng? rng = null)
        : base(numClasses, embeddingSize, new LpDistance(power: 2f, normalizeEmbeddings: false),
            reducer ?? new MeanReducer(), embeddingRegularizer, embeddingRegularizerWeight, weightRegularizer,
            weightRegularizerWeight)
    {
        Exponent = exponent is { } e ? Check.Positive(e, nameof(exponent), nameof(HarmonicLoss))
            : MathF.Sqrt(embeddingSize);
        Centers = RegisterParameter("centers",
            TensorScope.Unowned(() => NormalInit(rng ?? Init.DefaultRng, [numClasses, embeddingSize])));
    }

    /// <summary>The harmonic exponent n.</summary>
    public float Exponent { get; }

    /// <summary>The class centres, one row per class (classes, embedding size).</summary>
    public Tensor Centers { get; }

    /// <inheritdoc/>
    protected override Tensor ComputeLogits(Tensor embeddings) =>
        Distance.Matrix(embeddings, Centers).ClampMin(1e-12f).Log().Mul(-Exponent / 2f);

    /// <inheritdoc/>
    protected override Tensor WeightRows() => Centers;
}
