namespace Tango.Training;

/// <summary>Raised after each epoch, and for epoch 0 (the evaluation before training).</summary>
public sealed class EpochCompletedEventArgs(EpochRecord record, bool isBest, bool stoppingEarly) : EventArgs
{
    /// <summary>The epoch's history row.</summary>
    public EpochRecord Record { get; } = record;

    /// <summary>Whether this evaluation is the best so far on the early-stopping metric.</summary>
    public bool IsBest { get; } = isBest;

    /// <summary>Whether early stopping ends the run after this epoch.</summary>
    public bool StoppingEarly { get; } = stoppingEarly;
}
