using Tango.Core;
using Tango.Losses.Miners;

namespace Tango.Losses;

/// <summary>
/// A weighted sum of losses, each optionally with its own miner (PML's <c>MultipleLosses</c>):
/// Σ_i w_i·loss_i(embeddings, labels, tuples_i), where tuples_i is miner i's output, or the caller's tuples when
/// loss i has no miner. Tuples cannot be passed when any miner is set.
/// </summary>
public sealed class MultipleLosses : IMetricLoss
{
    private readonly IMetricLoss[] _losses;
    private readonly Miner?[] _miners;
    private readonly float[] _weights;

    /// <summary>
    /// Creates the sum; <paramref name="miners"/> and <paramref name="weights"/> have one entry per loss.
    /// </summary>
    public MultipleLosses(IReadOnlyList<IMetricLoss> losses, IReadOnlyList<Miner?>? miners = null,
        IReadOnlyList<float>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(losses);
        if (losses.Count == 0 || losses.Any(l => l is null))
        {
            throw new ArgumentException("MultipleLosses needs at least one loss and no null entries.", nameof(losses));
        }

        if ((miners is not null && miners.Count != losses.Count)
            || (weights is not null && weights.Count != losses.Count))
        {
            throw new ArgumentException($"MultipleLosses: {losses.Count} losses need as many miners and weights; got " +
                $"{miners?.Count} miners and {weights?.Count} weights.");
        }

        _losses = [.. losses];
        _miners = miners is null ? new Miner?[losses.Count] : [.. miners];
        _weights = weights is null ? [.. Enumerable.Repeat(1f, losses.Count)] : [.. weights];
    }

    /// <summary>The losses.</summary>
    public IReadOnlyList<IMetricLoss> Losses => _losses;

    /// <summary>The miner of each loss (null entries: none).</summary>
    public IReadOnlyList<Miner?> Miners => _miners;

    /// <summary>The weight of each loss.</summary>
    public IReadOnlyList<float> Weights => _weights;

    /// <inheritdoc/>
    public Tensor Compute(Tensor embeddings, int[]? labels, IndexTuples? tuples = null)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        if (tuples is not null && _miners.Any(m => m is not null))
        {
            throw new ArgumentException("MultipleLosses: tuples cannot be passed when losses have their own miners.");
        }

        Tensor? total = null;
        for (int i = 0; i < _losses.Length; i++)
        {
            var mined = _miners[i] is { } miner
                ? miner.Mine(embeddings, labels ?? throw new ArgumentException("Mining needs labels."))
                : tuples;
            var term = _losses[i].Compute(embeddings, labels, mined).Reshape([]).Mul(_weights[i]);
            total = total is null ? term : total.Add(term);
        }

        return total!;
    }
}
