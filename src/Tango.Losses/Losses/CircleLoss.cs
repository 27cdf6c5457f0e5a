using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Kernels;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses;

/// <summary>
/// Circle loss (Sun et al. 2020, "Circle Loss: A Unified Perspective of Pair Similarity Optimization", eq. 6 with
/// the relaxed margins of §3.3; PML's <c>CircleLoss</c>): per anchor
/// softplus(log Σ_p e^{−γ·α_p·(s_p − Δ_p)} + log Σ_n e^{γ·α_n·(s_n − Δ_n)}), with α_p = [1 + m − s_p]₊ and
/// α_n = [s_n + m]₊ treated as constants (detached, as in the paper's gradient analysis and PML), Δ_p = 1 − m,
/// Δ_n = m. Anchors without a positive or a negative get 0. Requires cosine similarity; averages non-zero rows.
/// </summary>
public sealed class CircleLoss : PairLoss
{
    /// <summary>Creates the loss (PML defaults: m = 0.4, γ = 80).</summary>
    public CircleLoss(float m = 0.4f, float gamma = 80f, Distance? distance = null, Reducer? reducer = null,
        Regularizer? embeddingRegularizer = null, float embeddingRegularizerWeight = 1f)
        : base(distance ?? new CosineSimilarity(), reducer ?? new AvgNonZeroReducer(), embeddingRegularizer,
            embeddingRegularizerWeight)
    {
        RequireDistance<CosineSimilarity>("the relaxation margins are on cosine similarities");
        M = m;
        Gamma = gamma;
    }

    /// <summary>The relaxation margin m.</summary>
    public float M { get; }

    /// <summary>The scale γ.</summary>
    public float Gamma { get; }

    /// <inheritdoc/>
    protected override SubLosses ComputePairLoss(Tensor mat, PairIndices pairs, LossInput input)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(input);
        int n = input.BatchSize, m = input.ReferenceSize;
        var posMask = Mask(n, m, pairs.A1, pairs.P);
        var negMask = Mask(n, m, pairs.A2, pairs.N);
        // logits = w ⊙ s − w ⊙ Δ with the detached weights w = −γ·α_p on positives, γ·α_n on negatives.
        var s = mat.Span;
        var w = new float[n * m];
        var offset = new float[n * m];
        for (int k = 0; k < w.Length; k++)
        {
            if (posMask[k] != 0)
            {
                w[k] = -Gamma * MathF.Max(1f + M - s[k], 0f);
                offset[k] = w[k] * (1f - M);
            }
            else if (negMask[k] != 0)
            {
                w[k] = Gamma * MathF.Max(s[k] + M, 0f);
                offset[k] = w[k] * M;
            }
        }

        var logits = mat.Mul(Tensor.FromArray(w, n, m)).Sub(Tensor.FromArray(offset, n, m));
        var lse = LossOps.MaskedRowLogSumExp(logits, posMask, 1f, 0f, addOne: false)
            .Add(LossOps.MaskedRowLogSumExp(logits, negMask, 1f, 0f, addOne: false));
        var valid = new float[n];
        for (int i = 0; i < n; i++)
        {
            valid[i] = HasAny(posMask, i, m) && HasAny(negMask, i, m) ? 1f : 0f;
        }

        var losses = lse.Softplus().Mul(Tensor.FromArray(valid));
        return new SubLosses([SubLoss.PerElement("loss", losses, MultiSimilarityLoss.Rows(n))]);
    }

    internal static bool HasAny(byte[] mask, int row, int m) => mask.AsSpan(row * m, m).ContainsAnyExcept((byte)0);
}
