using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Kernels;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses;

/// <summary>
/// Histogram loss (Ustinova &amp; Lempitsky 2016, "Learning Deep Embeddings with Histogram Loss"; PML's
/// <c>HistogramLoss</c>): the similarities of positive and of negative pairs are soft-binned into histograms over
/// [−1, 1] with bin width Δ = 2/bins, and the loss is the probability that a random negative pair is more similar
/// than a random positive one, L = Σ_r p⁻_r·Σ_{q≤r} p⁺_q. Pairs are those of the triplets (all, or the given
/// tuples as triplets), each unordered pair once (PML's <c>filter_pairs</c>) — listed without materialising the
/// triplets. Already reduced. Needs a cosine-like similarity (normalised dot product) whose values lie in [−1, 1].
/// </summary>
public sealed class HistogramLoss : MetricLoss
{
    /// <summary>
    /// Creates the loss: give <paramref name="numBins"/> or <paramref name="delta"/> (both only when Δ = 2/bins);
    /// neither means 100 bins (PML's default). Cosine similarity by default.
    /// </summary>
    public HistogramLoss(int? numBins = null, float? delta = null, Distance? distance = null, Reducer? reducer = null,
        Regularizer? embeddingRegularizer = null, float embeddingRegularizerWeight = 1f)
        : base(distance ?? new CosineSimilarity(), reducer ?? new MeanReducer(), embeddingRegularizer,
            embeddingRegularizerWeight)
    {
        if (numBins is <= 0 || delta is not null and not (> 0f and <= 2f))
        {
            throw new ArgumentOutOfRangeException(numBins is <= 0 ? nameof(numBins) : nameof(delta),
                $"HistogramLoss: numBins must be positive and delta in (0, 2]; got {numBins} and {delta}.");
        }

        if (numBins is { } b && delta is { } d && Math.Abs(d - 2.0 / b) > 1e-6 * d)
        {
            throw new ArgumentException(
                $"HistogramLoss: delta and numBins must satisfy delta = 2/numBins; got delta {d} and numBins {b}.");
        }

        if (Distance is not DotProductSimilarity { NormalizeEmbeddings: true, Power: 1f })
        {
            throw new ArgumentException(
                $"HistogramLoss bins similarities over [−1, 1]: it needs a cosine similarity; got {Distance}.");
        }

        Delta = delta ?? 2f / (numBins ?? 100);
    }

    /// <summary>The bin width Δ.</summary>
    public float Delta { get; }

    /// <inheritdoc/>
    public override bool SupportsReferenceEmbeddings => false;

    /// <inheritdoc/>
    protected override SubLosses ComputeSubLosses(LossInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Labels is null && input.Tuples is null)
        {
            throw new ArgumentException("HistogramLoss needs labels or tuples.");
        }

        var (pos, neg) = input.Tuples is null ? HistogramPairs.FromLabels(input.Labels!) : HistogramPairs.FromTuples(
            input.Tuples, input.BatchSize);
        if (pos.Rows.Length == 0 || neg.Rows.Length == 0)
        {
            return ZeroSubLosses();
        }

        var value = HistogramKernel.Forward(input.Matrix(Distance), pos, neg, Delta);
        return new SubLosses([SubLoss.Reduced("loss", value)]);
    }
}
