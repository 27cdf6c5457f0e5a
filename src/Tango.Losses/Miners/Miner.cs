using Tango.Core;
using Tango.Losses.Distances;

namespace Tango.Losses.Miners;

/// <summary>
/// Picks informative tuples from a labelled batch (PML's <c>BaseMiner</c>): <see cref="PairMiner"/>s return
/// <see cref="PairIndices"/>, <see cref="TripletMiner"/>s <see cref="TripletIndices"/>. Mining records no
/// gradients. With separate reference embeddings the positives and negatives come from the reference set; pass
/// the same label array (or none) when reference row i is the same sample as batch row i.
/// </summary>
public abstract class Miner
{
    /// <summary>Sets the distance the miner ranks by.</summary>
    protected Miner(Distance distance)
    {
        Distance = distance ?? throw new ArgumentNullException(nameof(distance));
    }

    /// <summary>The distance the miner ranks by.</summary>
    public Distance Distance { get; }

    /// <summary>Mines tuples from <paramref name="embeddings"/> (n, d) with <paramref name="labels"/> (n).</summary>
    public abstract IndexTuples Mine(Tensor embeddings, int[] labels, Tensor? refEmbeddings = null,
        int[]? refLabels = null);

    /// <summary>Validates a call (as a loss would) and resolves the reference set.</summary>
    protected LossInput Prepare(Tensor embeddings, int[] labels, Tensor? refEmbeddings, int[]? refLabels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var input = LossInput.Create(GetType().Name, embeddings, labels, null, refEmbeddings, refLabels);
        if (refEmbeddings is not null && refLabels is null && refEmbeddings.Dim(0) != labels.Length)
        {
            throw new ArgumentException($"{GetType().Name}: reference embeddings need reference labels.");
        }

        return input;
    }

    /// <summary>The (batch × reference) matrix of <see cref="Distance"/> as plain values, without gradients.</summary>
    protected float[] MatrixValues(LossInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var _ = Tensor.NoGrad();
        return input.Matrix(Distance).ToArray();
    }

    /// <summary>
    /// Throws unless the miner's distance is Euclidean on normalised embeddings (its formula assumes it).
    /// </summary>
    protected void RequireNormalizedEuclidean()
    {
        if (Distance is not LpDistance { P: 2f, Power: 1f, NormalizeEmbeddings: true })
        {
            throw new ArgumentException(
                $"{GetType().Name} requires LpDistance(p: 2, power: 1, normalizeEmbeddings: true); got {Distance}.");
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{GetType().Name}(distance: {Distance})";
}
