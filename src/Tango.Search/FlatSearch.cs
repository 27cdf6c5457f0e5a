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
    private readonly float[] _queries;
    private readonly int _m;
    private readonly int _k;
    private readonly bool _excludeSelf;
    private readonly List<(VectorStore.Segment Segment, int Start, int Rows)> _tiles = [];

    public FlatSearch(FlatIndex index, float[] queries, int m, int k, bool excludeSelf)
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
            Parallel.For(0, blocks, options, NewTile, (b, _, tile) =>
            {
                ScanBlock(b * FlatIndex.QueryBlock, 0, _tiles.Count, tile, scores, ids);
                return tile;
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

        Parallel.For(0, blocks * groups, options, NewTile, (item, _, tile) =>
        {
            int b = item / groups, g = item % groups;
            int first = (int)((long)_tiles.Count * g / groups), last = (int)((long)_tiles.Count * (g + 1) / groups);
            ScanBlock(b * FlatIndex.QueryBlock, first, last, tile, partScores[g], partIds[g]);
            return tile;
        }, _ => { });
        Merge(partScores, partIds, scores, ids);
    }

    private static float[] NewTile() => new float[FlatIndex.QueryBlock * FlatIndex.CorpusTile];

    // Queries [q0, q0 + QueryBlock) against tiles [first, last): C = Q·X_tᵀ by the GEMM, then each row into its heap.
    private void ScanBlock(int q0, int first, int last, float[] tile, float[] scores, int[] ids)
    {
        int d = _index.Dimension, rows = Math.Min(FlatIndex.QueryBlock, _m - q0);
        var q = _queries.AsSpan(q0 * d, rows * d);
        var terms = _index.Terms;
        for (int t = first; t < last; t++)
        {
            var (segment, start, n) = _tiles[t];
            int id0 = segment.FirstId + start;
            QueryGemm.Multiply(q, rows, segment.GetRows(start, n, d), n, d, tile, n);
            for (int r = 0; r < rows; r++)
            {
                var c = tile.AsSpan(r * n, n);
                int self = q0 + r - id0;
                if (_excludeSelf && (uint)self < (uint)n)
                {
                    c[self] = float.NegativeInfinity;
                }

                var hs = scores.AsSpan((q0 + r) * _k, _k);
                var hi = ids.AsSpan((q0 + r) * _k, _k);
                ScanRow(c, terms.AsSpan(Math.Min(id0, terms.Length)), id0, hs, hi);
            }
        }
    }

    private void ScanRow(ReadOnlySpan<float> c, ReadOnlySpan<float> terms, int id0, Span<float> hs, Span<int> hi)
    {
        var width = _index.Width;
        switch (_index.Metric)
        {
            case MetricKind.InnerProduct:
                TileScan.Row<PlainScore>(c, terms, [], id0, hs, hi, width);
                break;
            case MetricKind.Cosine:
                TileScan.Row<ScaledScore>(c, terms, [], id0, hs, hi, width);
                break;
            default:
                TileScan.Row<ShiftedScore>(c, terms, [], id0, hs, hi, width);
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
}
