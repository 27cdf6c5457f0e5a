using Tango.Core;
using Tango.Losses.Distances;

namespace Tango.Losses.Miners;

/// <summary>A miner that returns positive and negative pairs.</summary>
public abstract class PairMiner : Miner
{
    /// <summary>Sets the distance.</summary>
    protected PairMiner(Distance distance)
        : base(distance)
    {
    }

    /// <inheritdoc/>
    public sealed override PairIndices Mine(Tensor embeddings, int[] labels, Tensor? refEmbeddings = null,
        int[]? refLabels = null)
    {
        var input = Prepare(embeddings, labels, refEmbeddings, refLabels);
        using var _ = Tensor.NoGrad();
        return MinePairs(input);
    }

    /// <summary>Mines pairs from a validated input.</summary>
    protected abstract PairIndices MinePairs(LossInput input);
}
