using Tango.Core;

namespace Tango.Losses.Distances;

/// <summary>
/// The dot product q·r (a similarity: larger is closer), on L2-normalised embeddings by default (PML's
/// <c>DotProductSimilarity</c>). The matrix is one GEMM, q·rᵀ.
/// </summary>
public class DotProductSimilarity : Distance
{
    /// <summary>Creates the similarity.</summary>
    public DotProductSimilarity(bool normalizeEmbeddings = true, float power = 1f)
        : base(normalizeEmbeddings, 2f, power)
    {
    }

    /// <inheritdoc/>
    public sealed override bool IsSimilarity => true;

    private protected sealed override Tensor? FusedMatrix(Tensor query, Tensor? reference) =>
        Power == 1f
            ? Kernels.LossOps.PairwiseMatrix(query, reference, Kernels.PairwiseKind.Dot, NormalizeEmbeddings)
            : null;

    /// <inheritdoc/>
    protected sealed override Tensor ComputeMatrix(Tensor q, Tensor r, bool same) => q.MatMul(r, transB: true);

    /// <inheritdoc/>
    protected sealed override Tensor ComputePairwise(Tensor q, Tensor r) => q.Mul(r).Sum(1);
}
