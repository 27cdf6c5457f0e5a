using Tango.Core;
using Tango.Losses.Kernels;

namespace Tango.Losses.Distances;

/// <summary>
/// The signal-to-noise-ratio distance var(r − q) / var(q) (Yuan et al. 2019, "Signal-to-Noise Ratio: A Robust
/// Distance Metric for Deep Metric Learning"; PML's <c>SNRDistance</c>), unbiased variances over the embedding
/// dimension. With rows centred (q′ = q − mean q), var(q − r)·(d − 1) = ‖q′ − r′‖², so the matrix is a squared
/// Euclidean matrix of centred rows (one GEMM) divided by ‖q′‖²: O(n·m) memory instead of PML's (n, m, d).
/// </summary>
public sealed class SnrDistance : Distance
{
    /// <summary>Creates the distance.</summary>
    public SnrDistance(bool normalizeEmbeddings = true, float power = 1f)
        : base(normalizeEmbeddings, 2f, power)
    {
    }

    /// <inheritdoc/>
    public override bool IsSimilarity => false;

    /// <inheritdoc/>
    protected override Tensor ComputeMatrix(Tensor q, Tensor r, bool same)
    {
        var qc = q.Sub(q.Mean(1, keepDim: true));
        var rc = same ? null : r.Sub(r.Mean(1, keepDim: true));
        var noise = LossOps.PairwiseMatrix(qc, rc, PairwiseKind.SquaredEuclidean, normalize: false);
        return noise.Div(qc.Square().Sum(1, keepDim: true));
    }

    /// <inheritdoc/>
    protected override Tensor ComputePairwise(Tensor q, Tensor r) => q.Sub(r).Var(1).Div(q.Var(1));
}
