using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;

namespace Tango.Losses.Regularizers;

/// <summary>
/// A penalty on a set of vectors — embeddings (a loss's embedding regulariser) or the rows of a weight matrix
/// (a proxy loss's weight regulariser) — computed as per-row entries reduced by its own reducer (PML's
/// <c>BaseRegularizer</c>). Rows are the reducer's "elements"; their labels are the row numbers.
/// </summary>
public abstract class Regularizer
{
    /// <summary>Sets the distance and reducer the regulariser uses.</summary>
    protected Regularizer(Distance distance, Reducer reducer)
    {
        Distance = distance ?? throw new ArgumentNullException(nameof(distance));
        Reducer = reducer ?? throw new ArgumentNullException(nameof(reducer));
    }

    /// <summary>The distance (norms and similarities between rows).</summary>
    public Distance Distance { get; }

    /// <summary>Reduces the per-row entries.</summary>
    public Reducer Reducer { get; }

    /// <summary>The regularisation value of the rows of <paramref name="x"/>, differentiable.</summary>
    // x: (n, d) -> ()
    public Tensor Compute(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 2 || x.Dim(0) == 0)
        {
            throw new ArgumentException(
                $"{GetType().Name}: needs a non-empty (rows, dim) matrix; got {x.ShapeString}.");
        }

        var rows = Enumerable.Range(0, x.Dim(0)).ToArray();
        return Reducer.Reduce(ComputeLoss(x), new ReductionContext(x, rows, x.Dim(0)));
    }

    /// <summary>The unreduced entries (usually one per row).</summary>
    protected abstract SubLoss ComputeLoss(Tensor x);

    /// <summary>0, 1, ..., n − 1.</summary>
    protected static int[] RowIndices(int n) => Enumerable.Range(0, n).ToArray();

    /// <inheritdoc/>
    public override string ToString() => GetType().Name;
}
