using Tango.Core;
using Tango.Losses.Kernels;

namespace Tango.Losses.Distances;

/// <summary>
/// The Minkowski distance (Σ|q − r|^p)^(1/p), by default Euclidean on L2-normalised embeddings (PML's
/// <c>LpDistance</c>). For p = 2 the matrix comes from the Gram matrix, ‖q‖² + ‖r‖² − 2·q·rᵀ (one GEMM), clamped at
/// 0, with a zero gradient where the distance is 0; p = 2 with power = 2 skips the square root.
/// </summary>
public sealed class LpDistance : Distance
{
    /// <summary>Creates the distance (defaults as PML: p = 2, power = 1, normalised).</summary>
    public LpDistance(float p = 2f, float power = 1f, bool normalizeEmbeddings = true)
        : base(normalizeEmbeddings, p, power)
    {
    }

    /// <inheritdoc/>
    public override bool IsSimilarity => false;

    private protected override bool PowerIsBuiltIn => P == 2f && Power == 2f;

    private protected override Tensor? FusedMatrix(Tensor query, Tensor? reference) =>
        P == 2f && Power is 1f or 2f
            ? LossOps.PairwiseMatrix(query, reference,
                Power == 2f ? PairwiseKind.SquaredEuclidean : PairwiseKind.Euclidean, NormalizeEmbeddings)
            : null;

    /// <inheritdoc/>
    protected override Tensor ComputeMatrix(Tensor q, Tensor r, bool same)
    {
        if (P != 2f)
        {
            return LossOps.LpMatrix(q, r, P, same);
        }

        var gram = q.MatMul(r, transB: true);
        var qSq = q.Square().Sum(1);
        var rSq = same ? qSq : r.Square().Sum(1);
        return LossOps.EuclideanFromGram(gram, qSq, rSq, squared: Power == 2f, zeroDiagonal: same);
    }

    /// <summary>
    /// ‖q_i − r_i + 1e-6‖_p, with PyTorch's <c>pairwise_distance</c> epsilon (so it is never exactly 0).
    /// </summary>
    protected override Tensor ComputePairwise(Tensor q, Tensor r) =>
        RowNorm(q.Sub(r).Add(1e-6f)).Reshape(q.Dim(0));
}
