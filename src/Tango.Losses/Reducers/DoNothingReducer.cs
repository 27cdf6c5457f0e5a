using Tango.Core;

namespace Tango.Losses.Reducers;

/// <summary>
/// Leaves the entries unreduced (PML's <c>DoNothingReducer</c>): reducing a sub-loss returns its rank-1 losses
/// as they are. A loss with several sub-losses cannot add them up; use
/// <see cref="MetricLoss.ComputeUnreduced"/>, which returns every sub-loss with its indices.
/// </summary>
public sealed class DoNothingReducer : Reducer
{
    /// <inheritdoc/>
    protected override Tensor ReduceEntries(Tensor losses, SubLoss subLoss, ReductionContext context) => losses;
}
