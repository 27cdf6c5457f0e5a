namespace Tango.Data.Sampling;

/// <summary>
/// Draws the mini-batches of one epoch as arrays of row indices. The batches of an epoch depend only on the
/// sampler's seed, its state and the epoch number, never on earlier calls, so a run resumed at epoch e draws exactly
/// the batches the uninterrupted run drew.
/// </summary>
public interface IBatchSampler
{
    /// <summary>The batches of epoch <paramref name="epoch"/> (0-based), in order.</summary>
    IEnumerable<int[]> Batches(int epoch);

    /// <summary>The number of batches <see cref="Batches"/> yields per epoch.</summary>
    int BatchesPerEpoch { get; }
}
