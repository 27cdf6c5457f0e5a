using Tango.Core;

namespace Tango.Losses.Reducers;

/// <summary>The mean of the entries (PML's <c>MeanReducer</c>); a zero connected to the embeddings when there are none
/// (PML would return NaN).</summary>
public class MeanReducer : Reducer
{
    internal override StreamingReduction? Streaming =>
        new(float.NegativeInfinity, float.PositiveInfinity, StreamingDivisor.TotalCount, null);

    /// <inheritdoc/>
    protected override Tensor ReduceEntries(Tensor losses, SubLoss subLoss, ReductionContext context) =>
        losses.Size == 0 ? Zero(context) : losses.Mean();
}
