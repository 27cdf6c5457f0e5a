using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Tango.Core;
using Tango.Core.IO;
using Tango.Search.Ivf;
using Tango.Search.Kernels;

namespace Tango.Search;

/// <summary>
/// Approximate k-NN search with an inverted file (faiss's <c>IndexIVFFlat</c>, Jégou et al. 2011): k-means
/// splits space into <see cref="ListCount"/> cells; each added vector is copied into the list of its nearest
/// centroid; a query scans only the lists of its <see cref="Probes"/> nearest centroids. Scores within the scanned
/// lists are exact; recall grows with the probes and is exactly that of <see cref="FlatIndex"/> when every list
/// is probed. Training is faiss's: <see cref="KMeans"/> with <see cref="KMeansInit.RandomSample"/>, 10 iterations,
/// at most 256 points per centroid, assigning points by the index metric and, for inner product and cosine,
/// keeping the centroids at unit norm (faiss's spherical k-means, its IVF default for inner product). The coarse
/// assignment and probing use the index metric too.
/// </summary>
public sealed class IvfIndex : IKnnIndex
{
    // Rows of a mapped corpus read at a time by Add.
    private const int MappedBlock = 65536;

    private float[] _centroids = [];
    private FlatIndex? _quantizer;
    private InvertedLists? _lists;
    private int _probes = 1;
    private int _maxThreads = Environment.ProcessorCount;

    /// <summary>An untrained index with <paramref name="lists"/> cells.</summary>
    public IvfIndex(int dimension, int lists, MetricKind metric = MetricKind.SquaredL2)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lists);
        _ = metric.IsSimilarity();
        Dimension = dimension;
        ListCount = lists;
        Metric = metric;
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public MetricKind Metric { get; }

    /// <summary>The number of cells (faiss's nlist).</summary>
    public int ListCount { get; }

    /// <inheritdoc />
    public int Count => _lists?.Count ?? 0;

    /// <summary>True once <see cref="Train(ReadOnlySpan{float})"/> has set the centroids.</summary>
    public bool IsTrained => _lists is not null;

    /// <summary>Cells scanned per query (faiss's nprobe), 1 ≤ probes ≤ <see cref="ListCount"/>.</summary>
    public int Probes
    {
        get => _probes;
        set => _probes = value >= 1 && value <= ListCount ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"Probes must be in 1..{ListCount}.");
    }

    /// <summary>k-means iterations of <see cref="Train(ReadOnlySpan{float})"/> (faiss's IVF default 10).</summary>
    public int TrainIterations { get; init; } = 10;

    /// <summary>Seed of the training k-means.</summary>
    public long Seed { get; init; } = 1234;

    /// <summary>Upper bound on the threads one search uses.</summary>
    public int MaxThreads
    {
        get => _maxThreads;
        set => _maxThreads = value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxThreads must be at least 1.");
    }

    /// <summary>The centroids, (lists, dimension) row-major (empty before training).</summary>
    public ReadOnlySpan<float> Centroids => _centroids;

    /// <summary>The number of vectors in each list.</summary>
    public int[] ListSizes() => _lists is null ? [] : [.. Enumerable.Range(0, ListCount).Select(_lists.Size)];

    /// <summary>Learns the centroids from (n, Dimension) vectors, n ≥ <see cref="ListCount"/>.</summary>
    public void Train(ReadOnlySpan<float> vectors)
    {
        if (IsTrained)
        {
            throw new InvalidOperationException("IvfIndex.Train: the index is already trained.");
        }

        RowsOf(vectors, "training vectors");
        var kmeans = new KMeans(ListCount, TrainIterations, KMeansInit.RandomSample, Seed)
        {
            Metric = Metric == MetricKind.L2 ? MetricKind.SquaredL2 : Metric,
            Spherical = Metric is MetricKind.InnerProduct or MetricKind.Cosine,
        };
        if (Metric == MetricKind.Cosine)
        {
            var x = vectors.ToArray();
            Normalize(x);
            _centroids = kmeans.TrainCentroids(x, Dimension, out _);
        }
        else
        {
            _centroids = kmeans.TrainCentroids(vectors, Dimension, out _);
        }

        _quantizer = new FlatIndex(Dimension, Metric == MetricKind.L2 ? MetricKind.SquaredL2 : Metric);
        _quantizer.Add(_centroids);
        _lists = new InvertedLists(ListCount, Dimension);
    }

    /// <summary>Learns the centroids from the rows of a (n, Dimension) tensor.</summary>
    public void Train(Tensor vectors) => Train(MatrixOf(vectors, "training vectors"));

    /// <inheritdoc />
    public void Add(ReadOnlySpan<float> vectors)
    {
        int n = RowsOf(vectors, "vectors");
        var lists = _lists ?? throw new InvalidOperationException("IvfIndex.Add: train the index first.");
        var cells = Quantizer().Search(vectors, 1).Ids;
        Reserve(lists, cells, n);
        Append(lists, vectors, cells);
    }

    /// <inheritdoc />
    public void Add(Tensor vectors) => Add(MatrixOf(vectors, "vectors"));

    /// <summary>Adds the rows of a memory-mapped matrix, read in blocks (the vectors are copied into lists).</summary>
    public void Add(MappedFloatMatrix corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        if (corpus.Columns != Dimension)
        {
            throw new ArgumentException($"IvfIndex.Add: '{corpus.FilePath}' has {corpus.Columns} columns; the index " +
                                        $"has dimension {Dimension}.", nameof(corpus));
        }

        // Two passes over the file: assign every vector to its list, then copy each into a list sized exactly.
        var lists = _lists ?? throw new InvalidOperationException("IvfIndex.Add: train the index first.");
        var cells = new int[corpus.Rows];
        for (int r = 0; r < corpus.Rows; r += MappedBlock)
        {
            int rows = Math.Min(MappedBlock, corpus.Rows - r);
            Quantizer().Search(corpus.GetRows(r, rows), 1).Ids.CopyTo(cells, r);
        }

        Reserve(lists, cells, corpus.Rows);
        for (int r = 0; r < corpus.Rows; r += MappedBlock)
        {
            int rows = Math.Min(MappedBlock, corpus.Rows - r);
            Append(lists, corpus.GetRows(r, rows), cells.AsSpan(r, rows));
        }
    }

    private void Reserve(InvertedLists lists, ReadOnlySpan<int> cells, int n)
    {
        var extra = new int[ListCount];
        foreach (int c in cells)
        {
            extra[c]++;
        }

        lists.Reserve(extra, n);
    }

    private void Append(InvertedLists lists, ReadOnlySpan<float> vectors, ReadOnlySpan<int> cells)
    {
        for (int i = 0; i < cells.Length; i++)
        {
            var x = vectors.Slice(i * Dimension, Dimension);
            lists.Append(cells[i], x, Scoring.Term(Metric, TensorPrimitives.SumOfSquares(x)));
        }
    }

    /// <inheritdoc />
    public KnnResult Search(ReadOnlySpan<float> queries, int k, bool excludeSelf = false) =>
        Search(queries, k, Probes, excludeSelf);

    /// <inheritdoc />
    public KnnResult Search(Tensor queries, int k, bool excludeSelf = false) =>
        Search(MatrixOf(queries, "queries"), k, Probes, excludeSelf);

    /// <summary>Searches with an explicit number of probes.</summary>
    public unsafe KnnResult Search(ReadOnlySpan<float> queries, int k, int probes, bool excludeSelf = false)
    {
        int m = RowsOf(queries, "queries");
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (probes < 1 || probes > ListCount)
        {
            throw new ArgumentOutOfRangeException(nameof(probes), probes, $"Probes must be in 1..{ListCount}.");
        }

        var lists = _lists ?? throw new InvalidOperationException("IvfIndex.Search: train the index first.");
        var queryNorms = Scoring.QueryNorms(Metric, queries, Dimension);
        var normalized = Scoring.NormalizedQueries(Metric, queries, Dimension);
        var scores = new float[(long)m * k];
        var ids = new int[scores.Length];
        NeighborHeap.Reset(scores, ids);
        try
        {
            var q = normalized is null ? queries : normalized.AsSpan(0, queries.Length);
            if (m > 0 && k > 0 && Count > 0)
            {
                var cells = Quantizer().Search(q, probes).Ids;
                fixed (float* p = q)
                {
                    new IvfSearch(lists, Metric, new QueryRows(p, q.Length), Dimension, m, k, probes, cells,
                        excludeSelf, MaxThreads).Run(scores, ids);
                }
            }
        }
        finally
        {
            Scoring.ReturnQueries(normalized);
        }

        return Scoring.Finish(Metric, scores, ids, m, k, queryNorms);
    }

    // The coarse quantizer: an exact index over the centroids, in the index metric.
    private FlatIndex Quantizer() => _quantizer!;

    private void Normalize(float[] x)
    {
        for (int i = 0; i < x.Length / Dimension; i++)
        {
            var row = x.AsSpan(i * Dimension, Dimension);
            TensorPrimitives.Multiply(row, 1f / MathF.Max(TensorPrimitives.Norm(row), Scoring.CosineEps), row);
        }
    }

    private int RowsOf(ReadOnlySpan<float> data, string what) => data.Length % Dimension == 0
        ? data.Length / Dimension
        : throw new ArgumentException(
            $"IvfIndex: {data.Length} {what} values are not a whole number of rows of dimension {Dimension}.");

    private ReadOnlySpan<float> MatrixOf(Tensor t, string what)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t.Rank == 2 && t.Dim(1) == Dimension ? t.Span
            : throw new ArgumentException($"IvfIndex: {what} must be (n, {Dimension}); got {t.ShapeString}.", what);
    }
}
