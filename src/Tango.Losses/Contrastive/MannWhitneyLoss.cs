using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses.Contrastive;

/// <summary>
/// Mann–Whitney (AUC) loss for retrieval: one minus each query's area under the ROC curve, i.e. the
/// Wilcoxon–Mann–Whitney statistic (1/(P·N))·Σ_{p,n} 1[s_n ≥ s_p] over the anchor's P positives and N negatives,
/// with the step replaced by a smooth surrogate (<see cref="MannWhitneySurrogate"/>): σ((s_n − s_p)/τ) by default, or
/// the polynomial max(0, γ − (s_p − s_n))^e of Yan et al. 2003 ("Optimizing Classifier Performance via an
/// Approximation to the Wilcoxon-Mann-Whitney Statistic"). Scores are similarities (a distance enters as −d). One
/// loss per anchor with at least one positive and one negative; mean over those anchors by default. A fused kernel
/// keeps memory O(batch × reference) whatever the number of (positive, negative) pairs.
/// </summary>
public sealed class MannWhitneyLoss : PairLoss
{
    /// <summary>Creates the loss (Tango's defaults: τ = 0.1; polynomial γ = 0.5, e = 2).</summary>
    public MannWhitneyLoss(MannWhitneySurrogate surrogate = MannWhitneySurrogate.Sigmoid, float temperature = 0.1f,
        float gamma = 0.5f, float exponent = 2f, Distance? distance = null, Reducer? reducer = null,
        Regularizer? embeddingRegularizer = null, float embeddingRegularizerWeight = 1f)
        : base(distance ?? new CosineSimilarity(), reducer ?? new MeanReducer(), embeddingRegularizer,
            embeddingRegularizerWeight)
    {
        Surrogate = surrogate;
        Temperature = Check.Positive(temperature, nameof(temperature), nameof(MannWhitneyLoss));
        Gamma = Check.Positive(gamma, nameof(gamma), nameof(MannWhitneyLoss));
        Exponent = exponent > 1f && float.IsFinite(exponent) ? exponent : throw new ArgumentOutOfRangeException(
            nameof(exponent), $"MannWhitneyLoss: exponent must be finite and > 1; got {exponent}.");
    }

    /// <summary>The smooth step.</summary>
    public MannWhitneySurrogate Surrogate { get; }

    /// <summary>The temperature τ of the sigmoid surrogate.</summary>
    public float Temperature { get; }

    /// <summary>The margin γ of the polynomial surrogate.</summary>
    public float Gamma { get; }

    /// <summary>The exponent e of the polynomial surrogate.</summary>
    public float Exponent { get; }

    /// <inheritdoc/>
    protected override SubLosses ComputePairLoss(Tensor mat, PairSet pairs, LossInput input)
    {
        ArgumentNullException.ThrowIfNull(mat);
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(input);
        int n = input.BatchSize, m = input.ReferenceSize;
        var pos = pairs.PositiveMask;
        var neg = pairs.NegativeMask;
        var anchors = new List<int>();
        for (int a = 0; a < n; a++)
        {
            if (pos.AsSpan(a * m, m).Contains((byte)1) && neg.AsSpan(a * m, m).Contains((byte)1))
            {
                anchors.Add(a);
            }
        }

        if (anchors.Count == 0)
        {
            return ZeroSubLosses();
        }

        var surrogate = new RankSurrogate(Surrogate, Temperature, Gamma, Exponent);
        var rows = anchors.ToArray();
        var losses = ContrastiveOps.PairwiseRankLoss(mat, pos, neg, rows, -Distance.Direction, surrogate);
        return new SubLosses([SubLoss.PerElement("loss", losses, rows)]);
    }
}
