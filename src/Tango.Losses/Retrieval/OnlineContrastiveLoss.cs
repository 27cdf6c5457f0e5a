using Tango.Core;

namespace Tango.Losses.Retrieval;

/// <summary>
/// The online contrastive loss (sentence-transformers' <c>OnlineContrastiveLoss</c>): the contrastive loss on the
/// hard pairs of the batch only. Negatives closer than the farthest positive and positives farther than the closest
/// negative are kept (with a single positive, or a single negative, the other side's mean is the bar instead), and
/// L = Σ_{hard positives} d² + Σ_{hard negatives} max(m − d, 0)² (a sum, not a mean). Columns (a, b); labels 1/0.
/// </summary>
public sealed class OnlineContrastiveLoss : IColumnLoss
{
    /// <summary>Creates the loss (sentence-transformers' defaults: cosine distance, margin 0.5).</summary>
    public OnlineContrastiveLoss(SiameseDistanceMetric distanceMetric = SiameseDistanceMetric.CosineDistance,
        float margin = 0.5f)
    {
        if (!float.IsFinite(margin))
        {
            throw new ArgumentOutOfRangeException(nameof(margin), $"OnlineContrastiveLoss: margin must be finite; " +
                $"got {margin}.");
        }

        DistanceMetric = distanceMetric;
        Margin = margin;
    }

    /// <summary>The pair distance.</summary>
    public SiameseDistanceMetric DistanceMetric { get; }

    /// <summary>Dissimilar pairs closer than this pay.</summary>
    public float Margin { get; }

    /// <inheritdoc/>
    public Tensor Compute(IReadOnlyList<Tensor> columns, Tensor? labels = null)
    {
        Columns.Require(nameof(OnlineContrastiveLoss), columns, 2, 2);
        int n = columns[0].Dim(0);
        var y = Columns.RequireLabels(nameof(OnlineContrastiveLoss), labels, n, "1 (similar) or 0 per pair").ToArray();
        var d = SiameseDistances.Compute(DistanceMetric, columns[0], columns[1]);
        var values = d.ToArray();
        var positives = Enumerable.Range(0, n).Where(i => y[i] == 1f).ToArray();
        var negatives = Enumerable.Range(0, n).Where(i => y[i] == 0f).ToArray();
        double negBar = positives.Length > 1 ? positives.Max(i => values[i]) : Mean(negatives, values);
        double posBar = negatives.Length > 1 ? negatives.Min(i => values[i]) : Mean(positives, values);
        var hardNegatives = negatives.Where(i => values[i] < negBar).ToArray();
        var hardPositives = positives.Where(i => values[i] > posBar).ToArray();
        var loss = Kernels.LossOps.ZeroLoss(d);
        if (hardPositives.Length > 0)
        {
            loss = loss.Add(d.IndexSelect(0, hardPositives).Square().Sum());
        }

        if (hardNegatives.Length > 0)
        {
            loss = loss.Add(d.IndexSelect(0, hardNegatives).Neg().Add(Margin).Relu().Square().Sum());
        }

        return loss;
    }

    // NaN for no elements, as PyTorch's mean of an empty tensor: every comparison with it is false.
    private static double Mean(int[] rows, float[] values) =>
        rows.Length == 0 ? double.NaN : rows.Average(i => (double)values[i]);
}
