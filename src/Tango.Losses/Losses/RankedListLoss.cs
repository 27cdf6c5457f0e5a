using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Kernels;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses;

/// <summary>
/// Ranked list loss (Wang et al. 2019, "Ranked List Loss for Deep Metric Learning"; PML's <c>RankedListLoss</c>):
/// each anchor wants its positives within α − m and its negatives beyond α, a margin m between the two sets.
/// Violating positives pay d − (α − m) and violating negatives α − d, each set averaged with weights
/// exp(T⁺(d − α + m)) and exp(T⁻(α − d)) (T = 0: plain average), and the two mixed by the imbalance λ:
/// loss_i = (1 − λ)·L_P(i) + λ·L_N(i). One element per anchor, averaged by default. The defaults are the paper's
/// RLL-Simpler; temperatures above 5 risk overflow. Needs a distance (not a similarity).
/// </summary>
public sealed class RankedListLoss : MetricLoss
{
    /// <summary>
    /// Creates the loss. <paramref name="margin"/> and <paramref name="tn"/> have no default (as in PML);
    /// <paramref name="alpha"/> defaults to 1 + m/2.
    /// </summary>
    public RankedListLoss(float margin, float tn, float imbalance = 0.5f, float? alpha = null, float tp = 0f,
        Distance? distance = null, Reducer? reducer = null, Regularizer? embeddingRegularizer = null,
        float embeddingRegularizerWeight = 1f)
        : base(distance ?? new LpDistance(), reducer ?? new MeanReducer(), embeddingRegularizer,
            embeddingRegularizerWeight)
    {
        if (!(imbalance is >= 0f and <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(imbalance),
                $"RankedListLoss: imbalance must lie in [0, 1]; got {imbalance}.");
        }

        if (Distance.IsSimilarity)
        {
            throw new ArgumentException(
                $"RankedListLoss compares distances with α and α − m; it needs a distance, not {Distance}.");
        }

        Margin = margin;
        Tn = tn;
        Imbalance = imbalance;
        Alpha = alpha ?? 1f + margin / 2f;
        Tp = tp;
    }

    /// <summary>The margin m between the positive and the negative set.</summary>
    public float Margin { get; }

    /// <summary>The negatives' weighting temperature T⁻.</summary>
    public float Tn { get; }

    /// <summary>The weight λ of the negative term (1 − λ for the positive one).</summary>
    public float Imbalance { get; }

    /// <summary>The boundary α beyond which negatives are satisfied.</summary>
    public float Alpha { get; }

    /// <summary>The positives' weighting temperature T⁺.</summary>
    public float Tp { get; }

    /// <inheritdoc/>
    public override bool SupportsReferenceEmbeddings => false;

    /// <inheritdoc/>
    protected override SubLosses ComputeSubLosses(LossInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Tuples is not null)
        {
            throw new ArgumentException("RankedListLoss does not take mined tuples (as in PML); call it without them.");
        }

        var labels = input.RequireLabels(nameof(RankedListLoss));
        if (labels.Length == 0)
        {
            return ZeroSubLosses();
        }

        var rule = new RankedListKernel.Rule(Alpha, Margin, Tp, Tn, Imbalance);
        var losses = RankedListKernel.Forward(input.Matrix(Distance), labels, rule);
        return new SubLosses([SubLoss.PerElement("loss", losses, Enumerable.Range(0, labels.Length).ToArray())]);
    }
}
