using Tango.Core;
using Tango.Core.Memory;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;
using Tango.NN;

namespace Tango.Losses.Contrastive;

/// <summary>
/// Equiangular basis vectors (Shen et al. 2023, "Equiangular Basis Vectors"): each class gets a fixed unit vector
/// e_c, generated once from a seed by <see cref="EquiangularBasis.Generate"/> so that the vectors are as close to
/// mutually orthogonal as d allows; the embedding is trained towards its class's vector with the cross-entropy of
/// the scaled cosines, L = −log(e^{cos(x, e_y)/τ} / Σ_c e^{cos(x, e_c)/τ}). The basis is not a parameter (nothing
/// to optimise besides the model). Mean over the batch.
/// </summary>
public sealed class EquiangularBasisLoss : ClassifierLoss
{
    /// <summary>
    /// Creates the loss and its basis (paper defaults: τ = 0.07, threshold α = 0.002). A given
    /// <paramref name="basis"/> (classes, embedding size), e.g. one generated and saved earlier, is used as it is
    /// (rows normalised) instead of generating one; generation costs about one c×c×d product per step.
    /// </summary>
    public EquiangularBasisLoss(int numClasses, int embeddingSize, float temperature = 0.07f,
        float threshold = 0.002f, int steps = 1000, Reducer? reducer = null, Regularizer? embeddingRegularizer = null,
        float embeddingRegularizerWeight = 1f, Rng? rng = null, Tensor? basis = null)
        : base(numClasses, embeddingSize, new CosineSimilarity(), reducer ?? new MeanReducer(), embeddingRegularizer,
            embeddingRegularizerWeight, null, 1f)
    {
        Temperature = Check.Positive(temperature, nameof(temperature), nameof(EquiangularBasisLoss));
        if (basis is not null && (basis.Rank != 2 || basis.Dim(0) != numClasses || basis.Dim(1) != embeddingSize))
        {
            throw new ArgumentException($"EquiangularBasisLoss: basis {basis.ShapeString} must be ({numClasses}, " +
                $"{embeddingSize}).", nameof(basis));
        }

        Basis = TensorScope.Unowned(() => basis is null
            ? EquiangularBasis.Generate(numClasses, embeddingSize, rng ?? Init.DefaultRng, threshold, steps)
            : basis.Detach().L2Normalize(1));
    }

    /// <summary>The temperature τ dividing the cosines.</summary>
    public float Temperature { get; }

    /// <summary>The fixed unit class vectors (classes, embedding size).</summary>
    public Tensor Basis { get; }

    /// <inheritdoc/>
    protected override Tensor ComputeLogits(Tensor embeddings) =>
        Distance.Matrix(embeddings, Basis).Mul(1f / Temperature);

    /// <inheritdoc/>
    protected override Tensor WeightRows() => Basis;
}
