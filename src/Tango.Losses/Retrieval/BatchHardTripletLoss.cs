using Tango.Core;

namespace Tango.Losses.Retrieval;

/// <summary>
/// Batch-hard triplet loss (Hermans, Beyer &amp; Leibe 2017, "In Defense of the Triplet Loss for Person
/// Re-Identification"; sentence-transformers' <c>BatchHardTripletLoss</c>): one column with class labels; for each
/// anchor the farthest positive and the closest negative, L = (1/n) Σ_a max(d(a, p*) − d(a, n*) + m, 0).
/// </summary>
public sealed class BatchHardTripletLoss : IColumnLoss
{
    /// <summary>Creates the loss (sentence-transformers' defaults: Euclidean, margin 5).</summary>
    public BatchHardTripletLoss(BatchTripletDistance distance = BatchTripletDistance.Euclidean, float margin = 5f)
    {
        if (!float.IsFinite(margin))
        {
            throw new ArgumentOutOfRangeException(nameof(margin), $"BatchHardTripletLoss: margin must be finite; " +
                $"got {margin}.");
        }

        Distance = distance;
        Margin = margin;
    }

    /// <summary>The distance matrix.</summary>
    public BatchTripletDistance Distance { get; }

    /// <summary>The margin m.</summary>
    public float Margin { get; }

    /// <inheritdoc/>
    public Tensor Compute(IReadOnlyList<Tensor> columns, Tensor? labels = null)
    {
        var (x, y) = BatchTriplets.Input(nameof(BatchHardTripletLoss), columns, labels);
        if (y.Length == 0)
        {
            return Kernels.LossOps.ZeroLoss(x);
        }

        var (hp, hn) = BatchTriplets.Hardest(BatchTriplets.Matrix(Distance, x), y);
        return hp.Sub(hn).Add(Margin).Relu().Mean();
    }
}
