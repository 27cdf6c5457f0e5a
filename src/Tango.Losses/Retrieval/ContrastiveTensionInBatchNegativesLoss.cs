using Tango.Core;
using Tango.Core.Memory;
using Tango.Losses.Distances;

namespace Tango.Losses.Retrieval;

/// <summary>
/// Contrastive tension with in-batch negatives (Carlsson et al. 2021; sentence-transformers'
/// <c>ContrastiveTensionLossInBatchNegatives</c>): the symmetric in-batch softmax of
/// <see cref="MultipleNegativesRankingLoss"/> on (view₁, view₂) from two encoder copies, with a learnable logit scale:
/// S = e^{λ}·cos(a_i, b_j), L = ½·(CE(S, diag) + CE(Sᵀ, diag)), λ initialised to log(scale).
/// </summary>
public sealed class ContrastiveTensionInBatchNegativesLoss : IColumnLoss
{
    private static readonly CosineSimilarity Cosine = new();

    /// <summary>Creates the loss (sentence-transformers' default: scale 20).</summary>
    public ContrastiveTensionInBatchNegativesLoss(float scale = 20f)
    {
        if (!float.IsFinite(scale) || scale <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), $"ContrastiveTensionInBatchNegativesLoss: scale " +
                $"must be positive and finite; got {scale}.");
        }

        LogitScale = TensorScope.Unowned(() => Tensor.Scalar(MathF.Log(scale)));
        LogitScale.RequiresGrad = true;
    }

    /// <summary>The learnable log of the logit scale, λ (rank 0; train it with the encoder).</summary>
    public Tensor LogitScale { get; }

    /// <inheritdoc/>
    public Tensor Compute(IReadOnlyList<Tensor> columns, Tensor? labels = null)
    {
        Columns.Require(nameof(ContrastiveTensionInBatchNegativesLoss), columns, 2, 2);
        var scores = Cosine.Matrix(columns[0], columns[1]).Mul(LogitScale.Exp());
        return Columns.DiagonalCrossEntropy(scores).Add(Columns.DiagonalCrossEntropy(scores.Transpose())).Mul(0.5f);
    }
}
