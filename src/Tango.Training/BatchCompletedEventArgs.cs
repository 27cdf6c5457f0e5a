namespace Tango.Training;

/// <summary>Raised after each optimizer step.</summary>
public sealed class BatchCompletedEventArgs(int epoch, int batch, int batchesPerEpoch, double loss, long step)
    : EventArgs
{
    /// <summary>The epoch (1-based).</summary>
    public int Epoch { get; } = epoch;

    /// <summary>The batch within the epoch (1-based).</summary>
    public int Batch { get; } = batch;

    /// <summary>The number of batches in an epoch.</summary>
    public int BatchesPerEpoch { get; } = batchesPerEpoch;

    /// <summary>The batch's loss.</summary>
    public double Loss { get; } = loss;

    /// <summary>The optimizer steps taken so far in the run.</summary>
    public long Step { get; } = step;
}
