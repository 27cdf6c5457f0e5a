using Tango.Core;

namespace Tango.Losses.Reducers;

/// <summary>
/// The mean of the entries strictly between <see cref="Low"/> and <see cref="High"/> (PML's
/// <c>ThresholdReducer</c>); zero when none is. At least one bound must be given.
/// </summary>
public class ThresholdReducer : Reducer
{
    /// <summary>Creates the reducer; a null bound is open.</summary>
    public ThresholdReducer(float? low = null, float? high = null)
    {
        if (low is null && high is null)
        {
            throw new ArgumentException("ThresholdReducer needs at least one of low or high.");
        }

        if (low is float.NaN || high is float.NaN)
        {
            throw new ArgumentException($"ThresholdReducer: bounds must not be NaN (low {low}, high {high}).");
        }

        Low = low;
        High = high;
    }

    /// <summary>Entries must exceed this (null: no lower bound).</summary>
    public float? Low { get; }

    /// <summary>Entries must be below this (null: no upper bound).</summary>
    public float? High { get; }

    internal override StreamingReduction? Streaming =>
        new(Low ?? float.NegativeInfinity, High ?? float.PositiveInfinity, StreamingDivisor.KeptCount, null);

    /// <inheritdoc/>
    protected override Tensor ReduceEntries(Tensor losses, SubLoss subLoss, ReductionContext context)
    {
        var values = losses.Span;
        var keep = new float[values.Length];
        int kept = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if ((Low is null || values[i] > Low) && (High is null || values[i] < High))
            {
                keep[i] = 1f;
                kept++;
            }
        }

        return kept == 0 ? Zero(context) : losses.Mul(Tensor.FromArray(keep)).Sum().Mul(1f / kept);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{GetType().Name}(low: {Low}, high: {High})";
}
