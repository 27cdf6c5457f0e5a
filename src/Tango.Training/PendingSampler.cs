// TEMPORARY until branch 'data' lands: the contracted interface, so that this project compiles on its own.
namespace Tango.Data.Sampling;

/// <summary>Yields the batches (row indices) of each epoch.</summary>
public interface IBatchSampler
{
    /// <summary>The batches of epoch <paramref name="epoch"/>.</summary>
    IEnumerable<int[]> Batches(int epoch);

    /// <summary>The number of batches per epoch.</summary>
    int BatchesPerEpoch { get; }
}
