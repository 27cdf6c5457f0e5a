using Tango.Core;
using Tango.Losses.Distances;

namespace Tango.Losses.Miners;

/// <summary>A miner that returns triplets.</summary>
public abstract class TripletMiner : Miner
{
    /// <summary>Sets the distance.</summary>
    protected TripletMiner(Distance distance)
        : base(distance)
    {
    }

    /// <inheritdoc/>
    public sealed override TripletIndices Mine(Tensor embeddings, int[] labels, Tensor? refEmbeddings = null,
        int[]? refLabels = null)
    {
        var input = Prepare(embeddings, labels, refEmbeddings, refLabels);
        using var _ = Tensor.NoGrad();
        return MineTriplets(input);
    }

    /// <summary>Mines triplets from a validated input.</summary>
    protected abstract TripletIndices MineTriplets(LossInput input);
}
