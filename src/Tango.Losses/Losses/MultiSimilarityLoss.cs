using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Kernels;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses;

/// <summary>
/// Multi-similarity loss (Wang et al. 2019, "Multi-Similarity Loss with General Pair Weighting", eq. 6; PML's
/// <c>MultiSimilarityLoss</c>): per anchor i,
/// (1/α)·log(1 + Σ_{p} e^{−α(S_ip − λ)}) + (1/β)·log(1 + Σ_{n} e^{β(S_in − λ)}), with λ = <see cref="Base"/> and
/// S a similarity (directions flip for a distance). Each term is a masked row log-sum-exp over the distance
/// matrix, fused: O(n·m) memory. Cosine similarity and the mean over anchors by default.
/// </summary>
public sealed class MultiSimilarityLoss : PairLoss
{
    /// <summary>Creates the loss (PML defaults: α = 2, β = 50, base 0.5).</summary>
    public MultiSimilarityLoss(float alpha = 2f, float beta = 50f, float @base = 0.5f, Distance? distance = null,
        Reducer? reducer = null, Regularizer? embeddingRegularizer = null, float embeddingRegularizerWeight = 1f)
        : base(distance ?? new CosineSimilarity(), reducer ?? new MeanReducer(), embeddingRegularizer,
            embeddingRegularizerWeight)
    {
        if (alpha == 0 || beta == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(alpha),
                $"MultiSimilarityLoss: alpha and beta must be non-zero; got {alpha}, {beta}.");
        }

        Alpha = alpha;
        Beta = beta;
        Base = @base;
    }

    /// <summary>The positive-pair weight exponent α.</summary>
    public float Alpha { get; }

    /// <summary>The negative-pair weight exponent β.</summary>
    public float Beta { get; }

    /// <summary>The similarity offset λ.</summary>
    public float Base { get; }

    /// <inheritdoc/>
    protected override SubLosses ComputePairLoss(Tensor mat, PairIndices pairs, LossInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        int n = input.BatchSize, m = input.ReferenceSize;
        float dir = Distance.Direction;
        // α·margin(S, λ) = α·dir·S − α·dir·λ and β·margin(λ, S) = −β·dir·S + β·dir·λ.
        var pos = LossOps.MaskedRowLogSumExp(mat, Mask(n, m, pairs.A1, pairs.P), Alpha * dir, -Alpha * dir * Base,
            addOne: true).Mul(1f / Alpha);
        var neg = LossOps.MaskedRowLogSumExp(mat, Mask(n, m, pairs.A2, pairs.N), -Beta * dir, Beta * dir * Base,
            addOne: true).Mul(1f / Beta);
        return new SubLosses([SubLoss.PerElement("loss", pos.Add(neg), Rows(n))]);
    }

    internal static int[] Rows(int n) => Enumerable.Range(0, n).ToArray();
}
