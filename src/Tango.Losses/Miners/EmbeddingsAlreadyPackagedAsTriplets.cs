using Tango.Losses.Distances;

namespace Tango.Losses.Miners;

/// <summary>
/// For batches laid out as consecutive (anchor, positive, negative) rows: returns the triplets (3k, 3k+1, 3k+2)
/// whatever the labels (PML's <c>EmbeddingsAlreadyPackagedAsTriplets</c>). The batch size must be a multiple of 3
/// (PML fails with an assertion otherwise).
/// </summary>
public sealed class EmbeddingsAlreadyPackagedAsTriplets : TripletMiner
{
    /// <summary>Creates the miner.</summary>
    public EmbeddingsAlreadyPackagedAsTriplets()
        : base(new LpDistance())
    {
    }

    /// <inheritdoc/>
    protected override TripletIndices MineTriplets(LossInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        int n = input.BatchSize;
        if (n % 3 != 0)
        {
            throw new ArgumentException(
                $"EmbeddingsAlreadyPackagedAsTriplets: the batch of {n} rows is not a whole number of triplets.");
        }

        int count = n / 3;
        return new TripletIndices([.. Enumerable.Range(0, count).Select(k => 3 * k)],
            [.. Enumerable.Range(0, count).Select(k => 3 * k + 1)],
            [.. Enumerable.Range(0, count).Select(k => 3 * k + 2)]);
    }
}
