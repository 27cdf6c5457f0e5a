using Tango.Core;
using Tango.Losses.Miners;

namespace Tango.Losses;

/// <summary>
/// Cross-batch memory (Wang et al. 2020, "Cross-Batch Memory for Embedding Learning"; PML's
/// <c>CrossBatchMemory</c>): a queue of the last <see cref="MemorySize"/> embeddings (detached) and labels serves as
/// the reference set of the wrapped loss. Each call first enqueues the batch, then compares the batch with the
/// memory, by all pairs or by its own <see cref="Miner"/>'s tuples, without the pairs of an element with its own
/// memory slot. With an enqueue mask, only the masked rows go to memory and only the others are queries.
/// </summary>
public sealed class CrossBatchMemory : IMetricLoss
{
    private readonly float[] _memory;
    private readonly int[] _labels;
    private int _next;
    private bool _filled;

    /// <summary>
    /// Creates an empty memory of <paramref name="memorySize"/> rows of <paramref name="embeddingSize"/>.
    /// </summary>
    public CrossBatchMemory(MetricLoss loss, int embeddingSize, int memorySize = 1024, Miner? miner = null)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(embeddingSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(memorySize);
        if (!loss.SupportsReferenceEmbeddings)
        {
            throw new ArgumentException($"CrossBatchMemory does not support {loss.GetType().Name}.", nameof(loss));
        }

        Loss = loss;
        EmbeddingSize = embeddingSize;
        MemorySize = memorySize;
        Miner = miner;
        _memory = new float[memorySize * embeddingSize];
        _labels = new int[memorySize];
    }

    /// <summary>The wrapped loss.</summary>
    public MetricLoss Loss { get; }

    /// <summary>The embedding dimension.</summary>
    public int EmbeddingSize { get; }

    /// <summary>The queue's capacity in rows.</summary>
    public int MemorySize { get; }

    /// <summary>Mines tuples between the batch and the memory (null: all pairs).</summary>
    public Miner? Miner { get; }

    /// <summary>How many rows the memory holds now.</summary>
    public int Count => _filled ? MemorySize : _next;

    /// <inheritdoc/>
    public Tensor Compute(Tensor embeddings, int[]? labels, IndexTuples? tuples = null) =>
        Compute(embeddings, labels, tuples, null);

    /// <summary>
    /// Enqueues the batch (or its masked rows) and returns the loss of the (other) rows against the memory.
    /// <paramref name="tuples"/>, indices into the batch, are added to the memory tuples (with positives and
    /// negatives mapped to the rows' memory slots); they exclude <paramref name="enqueueMask"/>.
    /// </summary>
    public Tensor Compute(Tensor embeddings, int[]? labels, IndexTuples? tuples, bool[]? enqueueMask)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(labels);
        if (embeddings.Rank != 2 || embeddings.Dim(1) != EmbeddingSize || labels.Length != embeddings.Dim(0))
        {
            throw new ArgumentException($"CrossBatchMemory: needs ({labels.Length}, {EmbeddingSize}) embeddings " +
                $"with one label per row; got {embeddings.ShapeString}.");
        }

        if (tuples is not null && enqueueMask is not null)
        {
            throw new ArgumentException("CrossBatchMemory: tuples and an enqueue mask are mutually exclusive.");
        }

        var (queries, queryLabels, slots) = enqueueMask is null
            ? (embeddings, labels, Enqueue(embeddings, labels))
            : SplitAndEnqueue(embeddings, labels, enqueueMask);
        var memory = Tensor.FromArray(_memory.AsSpan(0, Count * EmbeddingSize), Count, EmbeddingSize);
        var memoryLabels = _labels[..Count];
        var mined = Miner?.Mine(queries, queryLabels, memory, memoryLabels)
            ?? PairIndices.AllFrom(queryLabels, memoryLabels, excludeSelf: false);
        if (enqueueMask is null)
        {
            mined = WithoutSelf(mined, slots);
        }

        if (tuples is not null)
        {
            mined = Concatenate(mined, Remap(tuples, slots));
        }

        return Loss.Compute(queries, queryLabels, mined, memory, memoryLabels);
    }

    /// <summary>Empties the memory.</summary>
    public void ResetQueue()
    {
        _next = 0;
        _filled = false;
    }

    private int[] Enqueue(Tensor rows, int[] labels)
    {
        int n = rows.Dim(0);
        if (n > MemorySize)
        {
            throw new ArgumentException(
                $"CrossBatchMemory: a batch of {n} rows does not fit a memory of {MemorySize}.");
        }

        var slots = new int[n];
        var values = rows.Span;
        for (int i = 0; i < n; i++)
        {
            slots[i] = (_next + i) % MemorySize;
            values.Slice(i * EmbeddingSize, EmbeddingSize).CopyTo(_memory.AsSpan(slots[i] * EmbeddingSize));
            _labels[slots[i]] = labels[i];
        }

        _filled |= _next + n >= MemorySize;
        _next = (_next + n) % MemorySize;
        return slots;
    }

    private (Tensor, int[], int[]) SplitAndEnqueue(Tensor embeddings, int[] labels, bool[] mask)
    {
        if (mask.Length != labels.Length)
        {
            throw new ArgumentException($"CrossBatchMemory: the enqueue mask has {mask.Length} entries for " +
                $"{labels.Length} rows.");
        }

        int[] enqueue = [.. Enumerable.Range(0, mask.Length).Where(i => mask[i])];
        int[] query = [.. Enumerable.Range(0, mask.Length).Where(i => !mask[i])];
        using (Tensor.NoGrad())
        {
            Enqueue(embeddings.IndexSelect(0, enqueue), [.. enqueue.Select(i => labels[i])]);
        }

        return (embeddings.IndexSelect(0, query), [.. query.Select(i => labels[i])], []);
    }

    // Drops (anchor i, its own memory slot) positive pairs and triplets (PML's remove_self_comparisons).
    private static IndexTuples WithoutSelf(IndexTuples tuples, int[] slots)
    {
        bool Self(int a, int p) => a < slots.Length && slots[a] == p;
        switch (tuples)
        {
            case PairIndices pairs:
                var keep = Enumerable.Range(0, pairs.PositiveCount).Where(k => !Self(pairs.A1[k], pairs.P[k]))
                    .ToArray();
                return new PairIndices([.. keep.Select(k => pairs.A1[k])], [.. keep.Select(k => pairs.P[k])], pairs.A2,
                    pairs.N);
            case TripletIndices t:
                var kept = Enumerable.Range(0, t.Count).Where(k => !Self(t.A[k], t.P[k])).ToArray();
                return new TripletIndices([.. kept.Select(k => t.A[k])], [.. kept.Select(k => t.P[k])],
                    [.. kept.Select(k => t.N[k])]);
            default:
                throw new InvalidOperationException("Unknown tuple kind.");
        }
    }

    private static IndexTuples Remap(IndexTuples tuples, int[] slots) => tuples switch
    {
        PairIndices p => new PairIndices(p.A1, [.. p.P.Select(i => slots[i])], p.A2, [.. p.N.Select(i => slots[i])]),
        TripletIndices t => new TripletIndices(t.A, [.. t.P.Select(i => slots[i])], [.. t.N.Select(i => slots[i])]),
        _ => throw new InvalidOperationException("Unknown tuple kind."),
    };

    private static IndexTuples Concatenate(IndexTuples mined, IndexTuples extra) => mined switch
    {
        PairIndices p when extra.ToPairs() is var e =>
            new PairIndices([.. p.A1, .. e.A1], [.. p.P, .. e.P], [.. p.A2, .. e.A2], [.. p.N, .. e.N]),
        TripletIndices t when extra.ToTriplets() is var e =>
            new TripletIndices([.. t.A, .. e.A], [.. t.P, .. e.P], [.. t.N, .. e.N]),
        _ => throw new InvalidOperationException("Unknown tuple kind."),
    };
}
