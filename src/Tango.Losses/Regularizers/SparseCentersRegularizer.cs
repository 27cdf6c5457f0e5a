using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;

namespace Tango.Losses.Regularizers;

/// <summary>
/// The centre-merging regulariser of SoftTriple (Qian et al. 2019, "SoftTriple Loss: Deep Metric Learning Without
/// Triplet Sampling", eq. 12; PML's <c>SparseCentersRegularizer</c>): the centres of each class, rows
/// c·K .. c·K + K − 1, pay √(2 + ε − 2·cos(w_i, w_j)) for every pair i &lt; j within the class, summed and divided by
/// 2·C·K(K − 1)/2 (PML's divisor reducer), so that redundant centres merge. Requires cosine similarity.
/// </summary>
public sealed class SparseCentersRegularizer : Regularizer
{
    /// <summary>
    /// Creates the regulariser for <paramref name="classCount"/> classes of <paramref name="centersPerClass"/> centres.
    /// </summary>
    public SparseCentersRegularizer(int classCount, int centersPerClass, Distance? distance = null,
        Reducer? reducer = null)
        : base(distance ?? new CosineSimilarity(), reducer ?? new DivisorReducer())
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(centersPerClass, 2);
        if (Distance is not CosineSimilarity)
        {
            throw new ArgumentException($"SparseCentersRegularizer needs CosineSimilarity; got {Distance}.",
                nameof(distance));
        }

        ClassCount = classCount;
        CentersPerClass = centersPerClass;
    }

    /// <summary>The number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>Centres per class.</summary>
    public int CentersPerClass { get; }

    /// <inheritdoc/>
    protected override SubLoss ComputeLoss(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        int total = ClassCount * CentersPerClass;
        if (x.Dim(0) != total)
        {
            throw new ArgumentException(
                $"SparseCentersRegularizer: expected {total} centre rows ({ClassCount} classes × " +
                $"{CentersPerClass}); got {x.Dim(0)}.");
        }

        var (rows, cols) = (new List<int>(), new List<int>());
        for (int c = 0; c < ClassCount; c++)
        {
            for (int i = c * CentersPerClass; i < (c + 1) * CentersPerClass; i++)
            {
                for (int j = i + 1; j < (c + 1) * CentersPerClass; j++)
                {
                    rows.Add(i);
                    cols.Add(j);
                }
            }
        }

        var sim = Kernels.LossOps.GatherPairs(Distance.Matrix(x), [.. rows], [.. cols]);
        // √(2 + tiny − min(2s, 2)); tiny is float32's smallest normal number, as PML's small_val.
        var losses = sim.Mul(2f).ClampMax(2f).Neg().Add(2f + 1.17549435e-38f).Sqrt();
        return SubLoss.PerElement("loss", losses, RowIndices(rows.Count), divisor: 2f * rows.Count);
    }
}
