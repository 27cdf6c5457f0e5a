using Tango.Core;
using Tango.Core.IO;
using Tango.Core.Kernels;
using Tango.Search.Kernels;
using Tango.Search.Storage;

namespace Tango.Search;

/// <summary>
/// Exact k-NN search (faiss's <c>IndexFlat</c>). Queries × corpus are tiled; each tile's dot products come from
/// the shared SGEMM, the per-vector norm terms are fused into a SIMD scan that streams the tile into per-query
/// top-k heaps, so memory is O(tile + queries·k), never O(queries·corpus). Work is split over threads by query
/// block (and, for few queries, by groups of whole corpus tiles); equal scores are ordered by id, so results are
/// the same bits for any thread count. A memory-mapped corpus (<see cref="Add(MappedFloatMatrix)"/>) is read in
/// blocks and never copied.
/// </summary>
public sealed class FlatIndex : IKnnIndex
{
    internal const int QueryBlock = 256;
    internal const int CorpusTile = 1024;

    // From this k on, a reservoir beats the heap (faiss switches at 100 too).
    internal const int ReservoirMinK = 100;

    private readonly VectorStore _store;
    private float[] _terms = [];
    private int _termCount;
    private int _maxThreads = Environment.ProcessorCount;

    /// <summary>An empty index for vectors of <paramref name="dimension"/> components.</summary>
    public FlatIndex(int dimension, MetricKind metric = MetricKind.SquaredL2)
    {
        if (dimension <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "The dimension must be positive.");
        }

        _ = metric.IsSimilarity();
        _store = new VectorStore(dimension);
        Metric = metric;
    }

    /// <inheritdoc />
    public int Dimension => _store.Dimension;

    /// <inheritdoc />
    public MetricKind Metric { get; }

    /// <inheritdoc />
    public int Count => _store.Count;

    /// <summary>Upper bound on the threads one search uses (default: the processor count).</summary>
    public int MaxThreads
    {
        get => _maxThreads;
        set => _maxThreads = value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxThreads must be at least 1.");
    }

    /// <inheritdoc />
    public void Add(ReadOnlySpan<float> vectors)
    {
        RowsOf(vectors, "vectors");
        _store.Append(vectors);
        UpdateTerms();
    }

    /// <inheritdoc />
    public void Add(Tensor vectors) => Add(MatrixOf(vectors, "vectors"));

    /// <summary>
    /// Appends the rows of a memory-mapped matrix without copying them (only their norms are computed, in one
    /// pass). The index does not own the matrix: keep it open while the index is used.
    /// </summary>
    public void Add(MappedFloatMatrix corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        if (corpus.Columns != Dimension)
        {
            throw new ArgumentException(
                $"FlatIndex.Add: '{corpus.FilePath}' has {corpus.Columns} columns; the index has dimension " +
                $"{Dimension}.", nameof(corpus));
        }

        _store.Attach(corpus);
        UpdateTerms();
    }

    /// <inheritdoc />
    public KnnResult Search(Tensor queries, int k, bool excludeSelf = false) =>
        Search(MatrixOf(queries, "queries"), k, excludeSelf);

    /// <inheritdoc />
    public unsafe KnnResult Search(ReadOnlySpan<float> queries, int k, bool excludeSelf = false)
    {
        int m = RowsOf(queries, "queries");
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var queryNorms = Scoring.QueryNorms(Metric, queries, Dimension);
        var normalized = Scoring.NormalizedQueries(Metric, queries, Dimension);
        var scores = new float[(long)m * k];
        var ids = new int[scores.Length];
        NeighborHeap.Reset(scores, ids);
        try
        {
            var q = normalized is null ? queries : normalized.AsSpan(0, queries.Length);
            fixed (float* p = q)
            {
                if (m > 0 && k > 0 && Count > 0)
                {
                    new FlatSearch(this, new QueryRows(p, q.Length), m, k, excludeSelf).Run(scores, ids);
                }
            }
        }
        finally
        {
            Scoring.ReturnQueries(normalized);
        }

        return Scoring.Finish(Metric, scores, ids, m, k, queryNorms);
    }

    internal VectorStore Store => _store;

    internal float[] Terms => _terms;

    internal SimdWidth Width { get; set; } = SimdPaths.Best;

    private void UpdateTerms()
    {
        if (Metric == MetricKind.InnerProduct)
        {
            return;
        }

        if (_terms.Length < Count)
        {
            Array.Resize(ref _terms, (int)Math.Min(int.MaxValue, Math.Max(Count, 2L * _terms.Length)));
        }

        var norms = _store.SquaredNorms;
        for (; _termCount < Count; _termCount++)
        {
            _terms[_termCount] = Scoring.Term(Metric, norms[_termCount]);
        }
    }

    private int RowsOf(ReadOnlySpan<float> data, string what)
    {
        if (data.Length % Dimension != 0)
        {
            throw new ArgumentException(
                $"FlatIndex: {data.Length} {what} values are not a whole number of rows of dimension {Dimension}.");
        }

        return data.Length / Dimension;
    }

    private ReadOnlySpan<float> MatrixOf(Tensor t, string what)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (t.Rank != 2 || t.Dim(1) != Dimension)
        {
            throw new ArgumentException(
                $"FlatIndex: {what} must be (n, {Dimension}); got {t.ShapeString}.", what);
        }

        return t.Span;
    }
}
