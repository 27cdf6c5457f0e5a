namespace Tango.Data.Sampling;

/// <summary>
/// Batches of pair or triplet rows in which no id appears twice, as sentence-transformers'
/// <c>NoDuplicatesBatchSampler</c> builds them: with in-batch negatives (MultipleNegativesRanking, NT-Xent) a
/// repeated text would be its own "negative". Each row is a group of ids (anchor, positive[, negatives]). Every
/// epoch shuffles the rows, then fills each batch by scanning the remaining rows in that order and taking every row
/// none of whose ids is already in the batch. Every row appears exactly once per epoch; when repeated ids leave no
/// row that fits, the batch is yielded short (or dropped with <c>dropLast</c>, its rows returning next epoch).
/// </summary>
public sealed class NoDuplicatesSampler : IBatchSampler
{
    private readonly int[][] _groups;
    private readonly int _idCount;
    private readonly bool _dropLast;
    private readonly ulong _seed;

    /// <summary>Creates the sampler over rows given as groups of integer ids.</summary>
    /// <param name="groups">The ids of each row (e.g. its anchor, positive and negative text ids).</param>
    /// <param name="batchSize">The most rows per batch.</param>
    /// <param name="dropLast">Drop a short batch instead of yielding it.</param>
    /// <param name="seed">The seed of the shuffles.</param>
    public NoDuplicatesSampler(IReadOnlyList<int[]> groups, int batchSize, bool dropLast, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        // Ids are renumbered densely so the batch's membership is a flat array, not a hash set.
        var dense = new Dictionary<int, int>();
        _groups = new int[groups.Count][];
        for (int r = 0; r < groups.Count; r++)
        {
            ArgumentNullException.ThrowIfNull(groups[r], $"{nameof(groups)}[{r}]");
            _groups[r] = groups[r].Distinct()
                .Select(id => dense.TryGetValue(id, out int d) ? d : dense[id] = dense.Count).ToArray();
        }

        _idCount = dense.Count;
        BatchSize = batchSize;
        _dropLast = dropLast;
        _seed = seed;
    }

    /// <summary>Creates the sampler over rows given as groups of text ids (or the texts themselves).</summary>
    public NoDuplicatesSampler(IReadOnlyList<string[]> groups, int batchSize, bool dropLast, ulong seed)
        : this(ToIds(groups), batchSize, dropLast, seed)
    {
    }

    /// <summary>The rows of <paramref name="pairs"/>, each the group (A, B).</summary>
    public static NoDuplicatesSampler FromPairs(IReadOnlyList<LabeledPair> pairs, int batchSize, bool dropLast,
        ulong seed)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return new NoDuplicatesSampler(pairs.Select(p => new[] { p.A, p.B }).ToArray(), batchSize, dropLast, seed);
    }

    /// <summary>The most rows per batch.</summary>
    public int BatchSize { get; }

    /// <summary>The number of rows.</summary>
    public int Rows => _groups.Length;

    /// <summary>
    /// ⌈rows / batch size⌉ (⌊⌋ with dropLast): exact when no id is shared by two rows; shared ids can force short
    /// batches and so more of them (<see cref="CountBatches"/> gives an epoch's exact count).
    /// </summary>
    public int BatchesPerEpoch => _dropLast ? Rows / BatchSize : (Rows + BatchSize - 1) / BatchSize;

    /// <summary>The exact number of batches of epoch <paramref name="epoch"/>.</summary>
    public int CountBatches(int epoch) => Batches(epoch).Count();

    /// <inheritdoc/>
    public IEnumerable<int[]> Batches(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        return Draw(epoch);
    }

    private IEnumerable<int[]> Draw(int epoch)
    {
        var order = Enumerable.Range(0, Rows).ToArray();
        SamplerSeed.Rng(_seed, epoch).Shuffle(order.AsSpan());
        // The remaining rows as a linked list over positions in `order`, so taking a row is O(1).
        var next = Enumerable.Range(1, Rows).ToArray();
        int head = Rows > 0 ? 0 : -1;
        if (Rows > 0)
        {
            next[^1] = -1;
        }

        var stamp = new int[_idCount]; // stamp[id] == batch number + 1 while id is in the current batch
        for (int batchNumber = 1; head >= 0; batchNumber++)
        {
            var batch = new List<int>(BatchSize);
            for (int prev = -1, at = head; at >= 0 && batch.Count < BatchSize; at = next[at])
            {
                var ids = _groups[order[at]];
                if (Array.Exists(ids, id => stamp[id] == batchNumber))
                {
                    prev = at;
                    continue;
                }

                foreach (int id in ids)
                {
                    stamp[id] = batchNumber;
                }

                batch.Add(order[at]);
                if (prev < 0)
                {
                    head = next[at];
                }
                else
                {
                    next[prev] = next[at];
                }
            }

            if (batch.Count == BatchSize || !_dropLast)
            {
                yield return [.. batch];
            }
        }
    }

    private static int[][] ToIds(IReadOnlyList<string[]> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        return groups.Select((g, r) => (g ?? throw new ArgumentNullException(nameof(groups), $"Row {r} is null."))
            .Select(s => ids.TryGetValue(s, out int id) ? id : ids[s] = ids.Count).ToArray()).ToArray();
    }
}
