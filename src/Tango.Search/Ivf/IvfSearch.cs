using Tango.Core.Kernels;
using Tango.Search.Kernels;

namespace Tango.Search.Ivf;

/// <summary>
/// One <see cref="IvfIndex"/> search. Queries are taken in fixed chunks; within a chunk the (query, probe)
/// pairs are grouped by list, so each list is scanned once for all the queries that probe it: their vectors are
/// gathered and multiplied with the list by the GEMM (tiled like <see cref="FlatSearch"/>), and each row streams
/// into the heap of its (query, probe) slot. Lists run in parallel; a slot is written by one list only, and the
/// per-query merge of its slots is order-independent, so results do not depend on the thread count.
/// </summary>
internal sealed class IvfSearch(InvertedLists lists, MetricKind metric, QueryRows queries, int d, int m, int k,
    int probes, int[] cells, bool excludeSelf, int maxThreads)
{
    private const int QueryChunk = 4096;
    private readonly int _d = d;

    // scores, ids: (m, k) heaps, reset -> filled
    public void Run(float[] scores, int[] ids)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Min(maxThreads, Environment.ProcessorCount) };
        for (int c0 = 0; c0 < m; c0 += QueryChunk)
        {
            int cm = Math.Min(QueryChunk, m - c0);
            var slotScores = new float[(long)cm * probes * k];
            var slotIds = new int[slotScores.Length];
            NeighborHeap.Reset(slotScores, slotIds);
            var (offsets, entries) = GroupByList(c0, cm);
            Parallel.For(0, lists.ListCount, options, () => new Buffers(_d), (l, _, buffers) =>
            {
                ScanList(l, entries.AsSpan(offsets[l], offsets[l + 1] - offsets[l]), c0, buffers, slotScores, slotIds);
                return buffers;
            }, _ => { });
            for (int i = 0; i < cm; i++)
            {
                var hs = scores.AsSpan((c0 + i) * k, k);
                var hi = ids.AsSpan((c0 + i) * k, k);
                for (int s = i * probes * k; s < (i + 1) * probes * k; s++)
                {
                    NeighborHeap.Push(hs, hi, slotScores[s], slotIds[s]);
                }
            }
        }
    }

    // -> offsets: (lists + 1), entries: (cm·probes) slot numbers (query·probes + probe) grouped by list, ascending
    private (int[] Offsets, int[] Entries) GroupByList(int c0, int cm)
    {
        var offsets = new int[lists.ListCount + 1];
        for (int s = 0; s < cm * probes; s++)
        {
            offsets[cells[c0 * probes + s] + 1]++;
        }

        for (int l = 0; l < lists.ListCount; l++)
        {
            offsets[l + 1] += offsets[l];
        }

        var next = offsets[..^1];
        var entries = new int[cm * probes];
        for (int s = 0; s < cm * probes; s++)
        {
            entries[next[cells[c0 * probes + s]]++] = s;
        }

        return (offsets, entries);
    }

    private void ScanList(int l, ReadOnlySpan<int> slots, int c0, Buffers buffers, float[] slotScores, int[] slotIds)
    {
        int size = lists.Size(l);
        if (slots.IsEmpty || size == 0)
        {
            return;
        }

        var vectors = lists.Vectors(l);
        for (int b0 = 0; b0 < slots.Length; b0 += FlatIndex.QueryBlock)
        {
            var block = slots.Slice(b0, Math.Min(FlatIndex.QueryBlock, slots.Length - b0));
            for (int r = 0; r < block.Length; r++)
            {
                queries.Slice((c0 + block[r] / probes) * _d, _d).CopyTo(buffers.Queries.AsSpan(r * _d));
            }

            for (int t0 = 0; t0 < size; t0 += FlatIndex.CorpusTile)
            {
                int n = Math.Min(FlatIndex.CorpusTile, size - t0);
                QueryGemm.Multiply(buffers.Queries, block.Length, vectors.Slice(t0 * _d, n * _d), n, _d,
                    buffers.Tile, n);
                for (int r = 0; r < block.Length; r++)
                {
                    ScanRow(l, t0, n, r, c0 + block[r] / probes, block[r], buffers.Tile, slotScores, slotIds);
                }
            }
        }
    }

    private void ScanRow(int l, int t0, int n, int r, int query, int slot, float[] tile, float[] slotScores,
        int[] slotIds)
    {
        var c = tile.AsSpan(r * n, n);
        if (excludeSelf && query < lists.Count)
        {
            var (list, position) = lists.Locate(query);
            if (list == l && position >= t0 && position < t0 + n)
            {
                c[position - t0] = float.NegativeInfinity;
            }
        }

        var terms = lists.Terms(l).Slice(t0, n);
        var ids = lists.Ids(l).Slice(t0, n);
        var hs = slotScores.AsSpan(slot * k, k);
        var hi = slotIds.AsSpan(slot * k, k);
        var width = SimdPaths.Best;
        switch (metric)
        {
            case MetricKind.InnerProduct:
                TileScan.Row<PlainScore>(c, terms, ids, 0, hs, hi, width);
                break;
            case MetricKind.Cosine:
                TileScan.Row<ScaledScore>(c, terms, ids, 0, hs, hi, width);
                break;
            default:
                TileScan.Row<ShiftedScore>(c, terms, ids, 0, hs, hi, width);
                break;
        }
    }

    private sealed class Buffers(int d)
    {
        public float[] Queries { get; } = new float[FlatIndex.QueryBlock * d];

        public float[] Tile { get; } = new float[FlatIndex.QueryBlock * FlatIndex.CorpusTile];
    }
}
