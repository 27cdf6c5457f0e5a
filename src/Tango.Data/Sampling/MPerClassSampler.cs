namespace Tango.Data.Sampling;

/// <summary>
/// pytorch-metric-learning's <c>MPerClassSampler</c>: every batch holds <see cref="M"/> rows of each of
/// <see cref="BatchSize"/> / M distinct classes, so every batch has positives for every anchor. For each batch the
/// classes are a fresh random choice, and a class's M rows are drawn without replacement (with replacement when the
/// class has fewer than M rows, PML's <c>safe_random_choice</c>). An epoch holds <see cref="Length"/> rows, a
/// multiple of the batch size.
/// </summary>
public sealed class MPerClassSampler : IBatchSampler
{
    private readonly int[][] _rowsByClass;
    private readonly ulong _seed;

    /// <summary>Creates the sampler.</summary>
    /// <param name="labels">The class of every row (any integers).</param>
    /// <param name="m">Rows per class per batch.</param>
    /// <param name="batchSize">Rows per batch: a multiple of <paramref name="m"/>, at most m × (number of
    /// classes).</param>
    /// <param name="lengthBeforeNewIter">Rows per epoch, rounded down to a multiple of the batch size; null: the
    /// number of rows (at least one batch). pytorch-metric-learning's default is 100,000.</param>
    /// <param name="seed">The seed of every random choice.</param>
    public MPerClassSampler(int[] labels, int m, int batchSize, int? lengthBeforeNewIter, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(m);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        _rowsByClass = Enumerable.Range(0, labels.Length).GroupBy(i => labels[i]).OrderBy(g => g.Key)
            .Select(g => g.ToArray()).ToArray();
        if (batchSize % m != 0)
        {
            throw new ArgumentException($"MPerClassSampler: m = {m} must divide the batch size {batchSize}.",
                nameof(batchSize));
        }

        if ((long)m * _rowsByClass.Length < batchSize)
        {
            throw new ArgumentException($"MPerClassSampler: m × (number of classes) = {m} × {_rowsByClass.Length} " +
                                        $"must be at least the batch size {batchSize}.", nameof(batchSize));
        }

        int length = lengthBeforeNewIter ?? Math.Max(labels.Length, batchSize);
        if (length < batchSize)
        {
            throw new ArgumentOutOfRangeException(nameof(lengthBeforeNewIter), length,
                $"MPerClassSampler: the epoch length must be at least the batch size {batchSize}.");
        }

        M = m;
        BatchSize = batchSize;
        Length = length - length % batchSize;
        _seed = seed;
    }

    /// <summary>Rows per class per batch.</summary>
    public int M { get; }

    /// <summary>Rows per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Rows per epoch (a multiple of <see cref="BatchSize"/>).</summary>
    public int Length { get; }

    /// <summary>The number of distinct classes.</summary>
    public int ClassCount => _rowsByClass.Length;

    /// <inheritdoc/>
    public int BatchesPerEpoch => Length / BatchSize;

    /// <inheritdoc/>
    public IEnumerable<int[]> Batches(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        return Draw(epoch);
    }

    private IEnumerable<int[]> Draw(int epoch)
    {
        var rng = SamplerSeed.Rng(_seed, epoch);
        // Private copies: partial shuffles below reorder them, and epochs must not depend on each other.
        var pools = Array.ConvertAll(_rowsByClass, rows => (int[])rows.Clone());
        var classes = Enumerable.Range(0, pools.Length).ToArray();
        int classesPerBatch = BatchSize / M;
        for (int b = 0; b < BatchesPerEpoch; b++)
        {
            rng.Shuffle(classes.AsSpan());
            var batch = new int[BatchSize];
            for (int j = 0; j < classesPerBatch; j++)
            {
                Choose(pools[classes[j]], batch.AsSpan(j * M, M), rng);
            }

            yield return batch;
        }
    }

    // M rows of the pool: without replacement (a partial Fisher–Yates shuffle) when the pool is large enough,
    // else independently with replacement.
    private static void Choose(int[] pool, Span<int> into, Core.Rng rng)
    {
        if (pool.Length < into.Length)
        {
            for (int i = 0; i < into.Length; i++)
            {
                into[i] = pool[rng.NextInt(pool.Length)];
            }

            return;
        }

        for (int i = 0; i < into.Length; i++)
        {
            int j = i + rng.NextInt(pool.Length - i);
            (pool[i], pool[j]) = (pool[j], pool[i]);
            into[i] = pool[i];
        }
    }
}
