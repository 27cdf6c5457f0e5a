using Tango.Core;

namespace Tango.Losses.Retrieval;

/// <summary>
/// The triplet loss on explicit (anchor, positive, negative) columns (Schroff et al. 2015, "FaceNet";
/// sentence-transformers' <c>TripletLoss</c>): L = (1/n) Σ_i max(d(a_i, p_i) − d(a_i, n_i) + m, 0) with d a true
/// distance for every metric. sentence-transformers 5.2.0.dev0 plugs its Euclidean and Manhattan <em>similarities</em>
/// (negated distances) into this formula, so for those two metrics it pushes positives away and pulls negatives in;
/// Tango uses the distances (docs/retrieval-losses.md).
/// </summary>
public sealed class TripletLoss : IColumnLoss
{
    /// <summary>Creates the loss (sentence-transformers' defaults: Euclidean, margin 5).</summary>
    public TripletLoss(TripletDistanceMetric distanceMetric = TripletDistanceMetric.Euclidean, float margin = 5f)
    {
        if (!float.IsFinite(margin))
        {
            throw new ArgumentOutOfRangeException(nameof(margin), $"TripletLoss: margin must be finite; got {margin}.");
        }

        DistanceMetric = distanceMetric;
        Margin = margin;
    }

    /// <summary>The distance.</summary>
    public TripletDistanceMetric DistanceMetric { get; }

    /// <summary>The margin m.</summary>
    public float Margin { get; }

    /// <inheritdoc/>
    public Tensor Compute(IReadOnlyList<Tensor> columns, Tensor? labels = null)
    {
        Columns.Require(nameof(TripletLoss), columns, 3, 3);
        if (columns[0].Dim(0) == 0)
        {
            return Columns.Zero(columns);
        }

        var positive = Distance(columns[0], columns[1]);
        var negative = Distance(columns[0], columns[2]);
        return positive.Sub(negative).Add(Margin).Relu().Mean();
    }

    // a, b: (n, d) -> (n)
    private Tensor Distance(Tensor a, Tensor b) => DistanceMetric switch
    {
        TripletDistanceMetric.Cosine => Columns.PairwiseCosine(a, b).Neg().Add(1f),
        TripletDistanceMetric.Euclidean => Columns.Norm(a.Sub(b)),
        TripletDistanceMetric.Manhattan => a.Sub(b).Abs().Sum(1),
        _ => throw new InvalidOperationException($"Unknown triplet distance metric {DistanceMetric}."),
    };
}
