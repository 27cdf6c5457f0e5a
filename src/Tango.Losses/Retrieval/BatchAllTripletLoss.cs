using Tango.Core;
using Tango.Losses.Kernels;

namespace Tango.Losses.Retrieval;

/// <summary>
/// Batch-all triplet loss (Hermans, Beyer &amp; Leibe 2017; sentence-transformers' <c>BatchAllTripletLoss</c>): every
/// valid triplet (a, p, n) of the batch (distinct rows, label(a) = label(p) ≠ label(n)) with
/// ℓ = max(d(a, p) − d(a, n) + m, 0); the sum divided by the number of triplets with ℓ &gt; 10⁻¹⁶.
/// </summary>
public sealed class BatchAllTripletLoss : IColumnLoss
{
    /// <summary>Creates the loss (sentence-transformers' defaults: Euclidean, margin 5).</summary>
    public BatchAllTripletLoss(BatchTripletDistance distance = BatchTripletDistance.Euclidean, float margin = 5f)
    {
        if (!float.IsFinite(margin))
        {
            throw new ArgumentOutOfRangeException(nameof(margin), $"BatchAllTripletLoss: margin must be finite; " +
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
        var (x, y) = BatchTriplets.Input(nameof(BatchAllTripletLoss), columns, labels);
        var triplets = TripletIndices.AllFrom(y, null, excludeSelf: true);
        if (triplets.Count == 0)
        {
            return LossOps.ZeroLoss(x);
        }

        var dist = BatchTriplets.Matrix(Distance, x);
        var losses = LossOps.GatherPairs(dist, triplets.A, triplets.P)
            .Sub(LossOps.GatherPairs(dist, triplets.A, triplets.N)).Add(Margin).Relu();
        int active = 0;
        foreach (float v in losses.Span)
        {
            active += v > 1e-16f ? 1 : 0;
        }

        return losses.Sum().Mul((float)(1.0 / (active + 1e-16)));
    }
}
