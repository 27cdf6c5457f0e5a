using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses;

/// <summary>
/// The base of losses defined on positive and negative pairs (PML's <c>GenericPairLoss</c>): the tuples become
/// pairs (all pairs from the labels when none are given), the distance matrix is computed once, and the subclass
/// reads pair values from it — gathered per pair (<see cref="PairSet.Indices"/> with <see cref="PairValues"/>, PML's
/// pair-based losses) or through row masks (<see cref="PairSet.PositiveMask"/>, PML's mat-based losses). A call with
/// no pair at all gives zero.
/// </summary>
public abstract class PairLoss : MetricLoss
{
    /// <summary>Sets the shared components.</summary>
    protected PairLoss(Distance distance, Reducer reducer, Regularizer? embeddingRegularizer,
        float embeddingRegularizerWeight)
        : base(distance, reducer, embeddingRegularizer, embeddingRegularizerWeight)
    {
    }

    /// <inheritdoc/>
    protected sealed override SubLosses ComputeSubLosses(LossInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var pairs = new PairSet(input);
        if (pairs.IsEmpty)
        {
            return ZeroSubLosses();
        }

        return ComputePairLoss(input.Matrix(Distance), pairs, input);
    }

    /// <summary>The sub-losses from the (batch × reference) matrix and the pairs (at least one).</summary>
    protected abstract SubLosses ComputePairLoss(Tensor mat, PairSet pairs, LossInput input);

    /// <summary>mat[a[k], b[k]] for each k, differentiable.</summary>
    // mat: (n, m), a/b: (k) -> (k)
    protected static Tensor PairValues(Tensor mat, int[] a, int[] b)
    {
        ArgumentNullException.ThrowIfNull(mat);
        return Kernels.LossOps.GatherPairs(mat, a, b);
    }

    /// <summary>A row-major (rows × cols) 0/1 mask with 1 at every listed (a[k], b[k]).</summary>
    protected static byte[] Mask(int rows, int cols, int[] a, int[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var mask = new byte[rows * cols];
        for (int k = 0; k < a.Length; k++)
        {
            mask[a[k] * cols + b[k]] = 1;
        }

        return mask;
    }
}
