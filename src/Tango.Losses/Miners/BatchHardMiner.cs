using Tango.Losses.Distances;

namespace Tango.Losses.Miners;

/// <summary>
/// Batch-hard triplets (Hermans, Beyer &amp; Leibe 2017, "In Defense of the Triplet Loss for Person
/// Re-Identification"; PML's <c>BatchHardMiner</c>): for each anchor its farthest positive and closest negative,
/// one triplet per anchor that has both.
/// </summary>
public sealed class BatchHardMiner : TripletMiner
{
    private readonly BatchEasyHardMiner _inner;

    /// <summary>Creates the miner (Euclidean distance by default).</summary>
    public BatchHardMiner(Distance? distance = null)
        : base(distance ?? new LpDistance())
    {
        _inner = new BatchEasyHardMiner(BatchMiningStrategy.Hard, BatchMiningStrategy.Hard, distance: Distance);
    }

    /// <inheritdoc/>
    protected override TripletIndices MineTriplets(LossInput input)
    {
        var pairs = _inner.MineFrom(input);
        return new TripletIndices(pairs.A1, pairs.P, pairs.N);
    }
}
