using Tango.Core;
using Tango.Losses.Distances;

namespace Tango.Losses.Miners;

/// <summary>
/// Tries <see cref="TrialCount"/> random subsets of the batch and keeps the one with the largest loss (PML's
/// <c>MaximumLossMiner</c> of versions before 0.9.96, removed since). PML returned the subset's row indices; here
/// the miner returns that subset's tuples — those <see cref="Inner"/> mines in it, or all its valid pairs
/// (triplets when the loss is triplet-based is the inner miner's choice) — mapped back to batch indices, so it
/// plugs into any loss like the other miners. <see cref="LastSubset"/> holds the chosen rows. Random: uses its
/// <see cref="Rng"/>.
/// </summary>
public sealed class MaximumLossMiner : Miner
{
    private readonly Rng _rng;

    /// <summary>Creates the miner; subsets have <paramref name="subsetSize"/> rows.</summary>
    public MaximumLossMiner(IMetricLoss loss, int subsetSize, Miner? inner = null, int trialCount = 5,
        Rng? rng = null)
        : base(inner?.Distance ?? new LpDistance())
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentOutOfRangeException.ThrowIfLessThan(subsetSize, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(trialCount);
        Loss = loss;
        SubsetSize = subsetSize;
        Inner = inner;
        TrialCount = trialCount;
        _rng = rng ?? new Rng(0);
    }

    /// <summary>The loss that scores each subset.</summary>
    public IMetricLoss Loss { get; }

    /// <summary>Rows per subset.</summary>
    public int SubsetSize { get; }

    /// <summary>Mines inside each subset (null: all pairs).</summary>
    public Miner? Inner { get; }

    /// <summary>Subsets tried per call.</summary>
    public int TrialCount { get; }

    /// <summary>The rows of the subset chosen by the last call.</summary>
    public IReadOnlyList<int> LastSubset { get; private set; } = [];

    /// <inheritdoc/>
    public override IndexTuples Mine(Tensor embeddings, int[] labels, Tensor? refEmbeddings = null,
        int[]? refLabels = null)
    {
        var input = Prepare(embeddings, labels, refEmbeddings, refLabels);
        if (refEmbeddings is not null)
        {
            throw new ArgumentException("MaximumLossMiner does not support separate reference embeddings.");
        }

        if (SubsetSize > input.BatchSize)
        {
            throw new ArgumentException(
                $"MaximumLossMiner: subsets of {SubsetSize} rows do not fit a batch of {input.BatchSize}.");
        }

        using var _ = Tensor.NoGrad();
        (float Loss, int[] Rows, IndexTuples Tuples)? best = null;
        for (int t = 0; t < TrialCount; t++)
        {
            var rows = Subset(input.BatchSize);
            var x = embeddings.IndexSelect(0, rows);
            var l = rows.Select(i => labels[i]).ToArray();
            var tuples = Inner?.Mine(x, l) ?? PairIndices.AllFrom(l);
            float value = Loss.Compute(x, l, tuples).Item();
            if (best is null || value > best.Value.Loss)
            {
                best = (value, rows, tuples);
            }
        }

        LastSubset = best!.Value.Rows;
        return MapBack(best.Value.Tuples, best.Value.Rows);
    }

    private int[] Subset(int n)
    {
        var all = Enumerable.Range(0, n).ToArray();
        _rng.Shuffle(all.AsSpan());
        return all[..SubsetSize];
    }

    private static IndexTuples MapBack(IndexTuples tuples, int[] rows)
    {
        int[] Map(int[] idx) => [.. idx.Select(i => rows[i])];
        return tuples switch
        {
            PairIndices p => new PairIndices(Map(p.A1), Map(p.P), Map(p.A2), Map(p.N)),
            TripletIndices t => new TripletIndices(Map(t.A), Map(t.P), Map(t.N)),
            _ => throw new InvalidOperationException("Unknown tuple kind."),
        };
    }
}
