namespace Tango.Losses.Reducers;

/// <summary>
/// The mean of the positive entries (PML's <c>AvgNonZeroReducer</c>, a threshold reducer with low = 0): the
/// default of losses whose entries are hinges, so satisfied tuples do not dilute the loss.
/// </summary>
public sealed class AvgNonZeroReducer : ThresholdReducer
{
    /// <summary>Creates the reducer.</summary>
    public AvgNonZeroReducer()
        : base(low: 0f)
    {
    }
}
