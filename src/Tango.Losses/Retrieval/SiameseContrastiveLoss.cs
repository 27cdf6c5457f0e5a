using Tango.Core;

namespace Tango.Losses.Retrieval;

/// <summary>
/// The contrastive loss on labelled pairs (Hadsell, Chopra &amp; LeCun 2006, "Dimensionality Reduction by Learning
/// an Invariant Mapping"; sentence-transformers' <c>ContrastiveLoss</c>): with d the pair distance and y ∈ {0, 1},
/// ℓ_i = ½·(y_i·d_i² + (1 − y_i)·max(m − d_i, 0)²), averaged (or summed). Columns (a, b); labels: 1 for similar
/// pairs, 0 for dissimilar. (Tango's PML-style <see cref="ContrastiveLoss"/> mines pairs from class labels instead.)
/// </summary>
public sealed class SiameseContrastiveLoss : IColumnLoss
{
    /// <summary>Creates the loss (sentence-transformers' defaults: cosine distance, margin 0.5, mean).</summary>
    public SiameseContrastiveLoss(SiameseDistanceMetric distanceMetric = SiameseDistanceMetric.CosineDistance,
        float margin = 0.5f, bool sizeAverage = true)
    {
        if (!float.IsFinite(margin))
        {
            throw new ArgumentOutOfRangeException(nameof(margin), $"SiameseContrastiveLoss: margin must be finite; " +
                $"got {margin}.");
        }

        DistanceMetric = distanceMetric;
        Margin = margin;
        SizeAverage = sizeAverage;
    }

    /// <summary>The pair distance.</summary>
    public SiameseDistanceMetric DistanceMetric { get; }

    /// <summary>Dissimilar pairs closer than this pay.</summary>
    public float Margin { get; }

    /// <summary>Mean (true) or sum (false) over pairs.</summary>
    public bool SizeAverage { get; }

    /// <inheritdoc/>
    public Tensor Compute(IReadOnlyList<Tensor> columns, Tensor? labels = null)
    {
        Columns.Require(nameof(SiameseContrastiveLoss), columns, 2, 2);
        int n = columns[0].Dim(0);
        var y = Columns.RequireLabels(nameof(SiameseContrastiveLoss), labels, n, "1 (similar) or 0 per pair")
            .Reshape(n);
        if (n == 0)
        {
            return Columns.Zero(columns);
        }

        var d = SiameseDistances.Compute(DistanceMetric, columns[0], columns[1]);
        var positive = y.Mul(d.Square());
        var negative = y.Neg().Add(1f).Mul(d.Neg().Add(Margin).Relu().Square());
        var losses = positive.Add(negative).Mul(0.5f);
        return SizeAverage ? losses.Mean() : losses.Sum();
    }
}
