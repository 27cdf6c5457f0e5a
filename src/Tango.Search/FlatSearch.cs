using Tango.Search.Kernels;
using Tango.Search.Storage;

namespace Tango.Search;

/// <summary>
/// One <see cref="FlatIndex"/> search. The corpus is cut into fixed tiles (at most <see cref="FlatIndex.CorpusTile"/>
/// rows, never crossing a segment), the queries into blocks of <see cref="FlatIndex.QueryBlock"/>. A work item is
/// a query block × a group of whole tiles: with enough query blocks every item takes all tiles; with fewer
/// blocks than threads the tiles are split into groups whose heaps are merged afterwards. Tiles are the same
/// whatever the split, so every dot product is computed with the same GEMM shape and the (score, id) order is
/// total: the result does not depend on the thread count.
/// </summary>
internal sealed class FlatSearch
{
    private readonly FlatIndex _index;
    private readonly QueryRows _queries;
    private readonly int _m;
    private readonly int _k;
    private readonly bool _excludeSelf;
    private readonly List<(VectorStore.Segment Segment, int Start, int Rows)> _tiles = [];

    public FlatSearch(FlatIndex index, QueryRows queries, int m, int k, bool excludeSelf)
    {
        _index = index;
        _queries = queries;
        _m = m;
        _k = k;
        _excludeSelf = excludeSelf;
        foreach (var segment in index.Store.Segments)
        {
            for (int start = 0; start < segment.Rows; start += FlatIndex.CorpusTile)
            {
                _tiles.Add((segment, start, Math.Min(FlatIndex.CorpusTile, segment.Rows - start)));
            }
        }
    }

    // scores, ids: (m, k) heaps, reset -> filled
    public void Run(float[] scores, int[] ids)
    {
        int blocks = (_m + FlatIndex.QueryBlock - 1) / FlatIndex.QueryBlock;
        int threads = Math.Min(_index.MaxThreads, Environment.ProcessorCount);
        int groups = blocks >= threads ? 1 : Math.Min(_tiles.Count, (threads + blocks - 1) / blocks);
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        if (groups == 1)
        {
            Parallel.For(0, blocks, options, NewWorker, (b, _, worker) =>
            {
                ScanBlock(b * FlatIndex.QueryBlock, 0, _tiles.Count, worker, scores, ids);
                return worker;
            }, _ => { });
            return;
        }

        // Few queries: each group of tiles fills its own heaps; merging them is order-independent.
        var partScores = new float[groups][];
        var partIds = new int[groups][];
        for (int g = 0; g < groups; g++)
        {
            partScores[g] = new float[scores.Length];
            partIds[g] = new int[ids.Length];
            NeighborHeap.Reset(partScores[g], partIds[g]);
        }

        Parallel.For(0, blocks * groups, options, NewWorker, (item, _, worker) =>
        {
            int b = item / groups, g = item % groups;
            int first = (int)((long)_tiles.Count * g / groups), last = (int)((long)_tiles.Count * (g + 1) / groups);
            ScanBlock(b * FlatIndex.QueryBlock, first, last, worker, partScores[g], partIds[g]);
            return worker;
        }, _ => { });
        Merge(partScores, partIds, scores, ids);
    }

    private Worker NewWorker() => new(_k);

    // Queries [q0, q0 + QueryBlock) against tiles [first, last): C = Q·X_tᵀ by the GEMM, then each row into its
    // selection: the heap slots themselves for small k, a reservoir written back as a heap at the end for large k.
    private void ScanBlock(int q0, int first, int last, Worker worker, float[] scores, int[] ids)
    {
        int d = _index.Dimension, rows = Math.Min(FlatIndex.QueryBlock, _m - q0);
        var q = _queries.Slice(q0 * d, rows * d);
        var terms = _index.Terms;
        var reservoirs = worker.Reservoirs;
        for (int r = 0; r < rows && reservoirs is not null; r++)
        {
            reservoirs[r].Reset();
        }

        for (int t = first; t < last; t++)
        {
            var (segment, start, n) = _tiles[t];
            int id0 = segment.FirstId + start;
            QueryGemm.Multiply(q, rows, segment.GetRows(start, n, d), n, d, worker.Tile, n);
            for (int r = 0; r < rows; r++)
            {
                var c = worker.Tile.AsSpan(r * n, n);
                int self = q0 + r - id0;
                if (_excludeSelf && (uint)self < (uint)n)
                {
                    c[self] = float.NegativeInfinity;
                }

                var rowTerms = terms.AsSpan(Math.Min(id0, terms.Length));
                if (reservoirs is null)
                {
                    var sink = new HeapSink(scores.AsSpan((q0 + r) * _k, _k), ids.AsSpan((q0 + r) * _k, _k));
                    ScanRow(c, rowTerms, id0, ref sink);
                }
                else
                {
                    var sink = new ReservoirSink(reservoirs[r]);
                    ScanRow(c, rowTerms, id0, ref sink);
                }
            }
        }

        for (int r = 0; r < rows && reservoirs is not null; r++)
        {
            reservoirs[r].WriteHeap(scores.AsSpan((q0 + r) * _k, _k), ids.AsSpan((q0 + r) * _k, _k));
        }
    }

    private void ScanRow<TSink>(ReadOnlySpan<float> c, ReadOnlySpan<float> terms, int id0, ref TSink sink)
        where TSink : ICandidateSink, allows ref struct
    {
        var width = _index.Width;
        switch (_index.Metric)
        {
            case MetricKind.InnerProduct:
                TileScan.Row<PlainScore, TSink>(c, terms, [], id0, ref sink, width);
                break;
            case MetricKind.Cosine:
                TileScan.Row<ScaledScore, TSink>(c, terms, [], id0, ref sink, width);
                break;
            default:
                TileScan.Row<ShiftedScore, TSink>(c, terms, [], id0, ref sink, width);
                break;
        }
    }

    private void Merge(float[][] partScores, int[][] partIds, float[] scores, int[] ids)
    {
        for (int g = 0; g < partScores.Length; g++)
        {
            for (int i = 0; i < scores.Length; i++)
            {
                int row = i / _k * _k;
                NeighborHeap.Push(scores.AsSpan(row, _k), ids.AsSpan(row, _k), partScores[g][i], partIds[g][i]);
            }
        }
    }

    /// <summary>One thread's scratch: the score tile and, for large k, a reservoir per query of a block.</summary>
    private sealed class Worker(int k)
    {
        public float[] Tile { get; } = new float[FlatIndex.QueryBlock * FlatIndex.CorpusTile];

        public Reservoir[]? Reservoirs { get; } = k >= FlatIndex.ReservoirMinK
            ? [.. Enumerable.Range(0, FlatIndex.QueryBlock).Select(_ => new Reservoir(k))]
            : null;
    }
}
