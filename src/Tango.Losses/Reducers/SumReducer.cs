using Tango.Core;

namespace Tango.Losses.Reducers;

/// <summary>The sum of the entries (PML's <c>SumReducer</c>).</summary>
public sealed class SumReducer : Reducer
{
    internal override StreamingReduction? Streaming =>
        new(float.NegativeInfinity, float.PositiveInfinity, StreamingDivisor.One, null);

    /// <inheritdoc/>
    protected override Tensor ReduceEntries(Tensor losses, SubLoss subLoss, ReductionContext context) =>
        losses.Size == 0 ? Zero(context) : losses.Sum();
}
