using Tango.Core;

namespace Tango.Losses.Reducers;

/// <summary>
/// The sum of the entries divided by the divisor the loss supplies with them (PML's <c>DivisorReducer</c>; the
/// default of MarginLoss and SparseCentersRegularizer); zero when the divisor is 0.
/// </summary>
public sealed class DivisorReducer : Reducer
{
    internal override StreamingReduction? Streaming =>
        new(float.NegativeInfinity, float.PositiveInfinity, StreamingDivisor.Given, null);

    /// <inheritdoc/>
    protected override Tensor ReduceEntries(Tensor losses, SubLoss subLoss, ReductionContext context)
    {
        float divisor = subLoss.Divisor ?? throw new InvalidOperationException(
            $"DivisorReducer: sub-loss '{subLoss.Name}' carries no divisor; use another reducer for this loss.");
        return divisor == 0 || losses.Size == 0 ? Zero(context) : losses.Sum().Mul(1f / divisor);
    }
}
