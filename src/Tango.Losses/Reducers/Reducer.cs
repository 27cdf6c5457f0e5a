using Tango.Core;
using Tango.Losses.Kernels;

namespace Tango.Losses.Reducers;

/// <summary>
/// Turns a sub-loss's unreduced entries into one value (PML's <c>BaseReducer</c>). A zero sub-loss gives a zero
/// connected to the embeddings (so backward still works); an already-reduced value passes through; otherwise
/// the entries go to <see cref="ReduceEntries"/>, which may look at what they are (elements, pairs, triplets).
/// </summary>
public abstract class Reducer
{
    /// <summary>Reduces <paramref name="subLoss"/>.</summary>
    public Tensor Reduce(SubLoss subLoss, ReductionContext context)
    {
        ArgumentNullException.ThrowIfNull(subLoss);
        ArgumentNullException.ThrowIfNull(context);
        var reducer = ForSubLoss(subLoss.Name);
        if (subLoss.Losses is null)
        {
            return Zero(context);
        }

        if (subLoss.Reduction == ReductionType.AlreadyReduced)
        {
            return subLoss.Losses.Rank == 0 ? subLoss.Losses : subLoss.Losses.Reshape([]);
        }

        return reducer.ReduceEntries(subLoss.Losses, subLoss, context);
    }

    /// <summary>
    /// The reducer to use for the sub-loss named <paramref name="name"/> (itself, unless a combinator).
    /// </summary>
    public virtual Reducer ForSubLoss(string name) => this;

    /// <summary>
    /// Reduces rank-1 <paramref name="losses"/> (the entries of <paramref name="subLoss"/>) to a rank-0 value.
    /// </summary>
    protected abstract Tensor ReduceEntries(Tensor losses, SubLoss subLoss, ReductionContext context);

    /// <summary>
    /// When the reduction is Σ_kept w·l / divisor with kept = (low &lt; l &lt; high) — every reducer here except
    /// per-anchor and do-nothing — its description, so a fused kernel can reduce without materialising the
    /// entries. Null otherwise.
    /// </summary>
    internal virtual StreamingReduction? Streaming => null;

    /// <summary>A zero that backpropagates a zero gradient into the embeddings.</summary>
    protected static Tensor Zero(ReductionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return LossOps.ZeroLoss(context.Embeddings);
    }

    /// <inheritdoc/>
    public override string ToString() => GetType().Name;
}
