using Tango.Core;
using Tango.Core.Memory;
using Tango.Losses.Distances;
using Tango.Losses.Kernels;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;
using Tango.NN;

namespace Tango.Losses;

/// <summary>
/// SoftTriple (Qian et al. 2019, "SoftTriple Loss: Deep Metric Learning Without Triplet Sampling"; PML's
/// <c>SoftTripleLoss</c>): each class has K centres; the relaxed similarity of x_i to class c is
/// S_ic = Σ_k softmax_k(s_ick / γ)·s_ick over its centres (eq. 8), and the loss is the cross-entropy of
/// λ·(S_ic − δ·[c = y_i]) (eq. 10). The centres are the columns of <see cref="Fc"/> (embedding size,
/// classes·K), grouped by class and initialised as PyTorch's Kaiming-uniform with a = √5. The distance must be a
/// similarity; PML's entropy regulariser over centres is <see cref="SparseCentersRegularizer"/>.
/// </summary>
public sealed class SoftTripleLoss : ClassifierLoss
{
    /// <summary>Creates the loss (PML defaults: 10 centres per class, λ = 20, γ = 0.1, δ = 0.01, cosine).</summary>
    public SoftTripleLoss(int numClasses, int embeddingSize, int centersPerClass = 10, float la = 20f,
        float gamma = 0.1f, float margin = 0.01f, Distance? distance = null, Reducer? reducer = null,
        Regularizer? embeddingRegularizer = null, float embeddingRegularizerWeight = 1f,
        Regularizer? weightRegularizer = null, float weightRegularizerWeight = 1f, Rng? rng = null)
        : base(numClasses, embeddingSize, distance ?? new CosineSimilarity(), reducer ?? new MeanReducer(),
            embeddingRegularizer, embeddingRegularizerWeight, weightRegularizer, weightRegularizerWeight)
    {
        if (!Distance.IsSimilarity)
        {
            throw new ArgumentException($"SoftTripleLoss needs a similarity (larger is closer); got {Distance}.",
                nameof(distance));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(centersPerClass, 1);
        if (!(gamma > 0f) || !float.IsFinite(la) || !float.IsFinite(margin))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma),
                $"SoftTripleLoss: needs γ > 0 and finite λ, δ; got γ = {gamma}, λ = {la}, δ = {margin}.");
        }

        CentersPerClass = centersPerClass;
        La = la;
        Gamma = gamma;
        Margin = margin;
        var fc = TensorScope.Unowned(() => Tensor.Zeros(embeddingSize, checked(numClasses * centersPerClass)));
        Fc = RegisterParameter("fc", Init.KaimingUniform(fc, rng ?? Init.DefaultRng, a: MathF.Sqrt(5f)));
    }

    /// <summary>The centres, (embedding size, classes·K); columns c·K .. c·K + K − 1 belong to class c.</summary>
    public Tensor Fc { get; }

    /// <summary>Centres per class, K.</summary>
    public int CentersPerClass { get; }

    /// <summary>The scale λ of the logits.</summary>
    public float La { get; }

    /// <summary>The softmax temperature γ over a class's centres (the similarities are divided by it).</summary>
    public float Gamma { get; }

    /// <summary>The margin δ subtracted from the true class's relaxed similarity.</summary>
    public float Margin { get; }

    /// <summary>The relaxed similarity S_ic to each class (PML's <c>get_logits</c>, before λ and the margin).</summary>
    protected override Tensor ComputeLogits(Tensor embeddings) =>
        LossOps.GroupSoftPool(Distance.Matrix(embeddings, Fc.T), CentersPerClass, 1f / Gamma);

    /// <inheritdoc/>
    protected override Tensor TrainingLogits(Tensor embeddings, int[] labels) =>
        LossOps.ReplaceTargets(ComputeLogits(embeddings), labels, s => new(s - Margin, 1f)).Mul(La);

    /// <inheritdoc/>
    protected override Tensor WeightRows() => Fc.T;
}
