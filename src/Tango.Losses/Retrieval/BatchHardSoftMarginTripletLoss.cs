using Tango.Core;

namespace Tango.Losses.Retrieval;

/// <summary>
/// Batch-hard triplet loss with the soft margin (Hermans, Beyer &amp; Leibe 2017, eq. 4; sentence-transformers'
/// <c>BatchHardSoftMarginTripletLoss</c>): L = (1/n) Σ_a log(1 + e^{d(a, p*) − d(a, n*)}), no margin to tune.
/// </summary>
public sealed class BatchHardSoftMarginTripletLoss : IColumnLoss
{
    /// <summary>Creates the loss (sentence-transformers' default: Euclidean).</summary>
    public BatchHardSoftMarginTripletLoss(BatchTripletDistance distance = BatchTripletDistance.Euclidean)
    {
        Distance = distance;
    }

    /// <summary>The distance matrix.</summary>
    public BatchTripletDistance Distance { get; }

    /// <inheritdoc/>
    public Tensor Compute(IReadOnlyList<Tensor> columns, Tensor? labels = null)
    {
        var (x, y) = BatchTriplets.Input(nameof(BatchHardSoftMarginTripletLoss), columns, labels);
        if (y.Length == 0)
        {
            return Kernels.LossOps.ZeroLoss(x);
        }

        var (hp, hn) = BatchTriplets.Hardest(BatchTriplets.Matrix(Distance, x), y);
        return hp.Sub(hn).Softplus().Mean();
    }
}
