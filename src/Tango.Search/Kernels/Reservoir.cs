namespace Tango.Search.Kernels;

/// <summary>
/// Top-k selection for large k (faiss's ReservoirTopN idea): candidates that beat the current k-th best are
/// appended to a buffer of 2k; when it fills, a quickselect keeps the k best (under the same total order as
/// <see cref="NeighborHeap"/>: score, then smaller id) and raises the threshold. Amortised O(1) per accepted
/// candidate instead of a heap's O(log k); the survivors equal the heap's exactly.
/// </summary>
internal sealed class Reservoir
{
    private readonly float[] _scores;
    private readonly int[] _ids;
    private readonly int _k;
    private int _count;
    private int _thresholdId = -1;

    public Reservoir(int k)
    {
        _k = k;
        _scores = new float[2 * Math.Max(k, 1)];
        _ids = new int[_scores.Length];
    }

    public float ThresholdScore { get; private set; } = float.NegativeInfinity;

    public void Reset()
    {
        _count = 0;
        ThresholdScore = float.NegativeInfinity;
        _thresholdId = -1;
    }

    public void Offer(float score, int id)
    {
        if (!NeighborHeap.Better(score, id, ThresholdScore, _thresholdId))
        {
            return;
        }

        _scores[_count] = score;
        _ids[_count++] = id;
        if (_count == _scores.Length)
        {
            Compact();
        }
    }

    // -> scores, ids: (k) the k best as a NeighborHeap (built in O(k)), padded with (−∞, −1)
    public void WriteHeap(Span<float> scores, Span<int> ids)
    {
        if (_count > _k)
        {
            Compact();
        }

        NeighborHeap.Reset(scores, ids);
        _scores.AsSpan(0, _count).CopyTo(scores);
        _ids.AsSpan(0, _count).CopyTo(ids);
        NeighborHeap.Heapify(scores, ids);
    }

    // Keeps the k best in [0, k) and sets the threshold to the worst of them.
    private void Compact()
    {
        Select(_scores.AsSpan(0, _count), _ids.AsSpan(0, _count), _k);
        _count = _k;
        int worst = 0;
        for (int t = 1; t < _k; t++)
        {
            if (NeighborHeap.Better(_scores[worst], _ids[worst], _scores[t], _ids[t]))
            {
                worst = t;
            }
        }

        (ThresholdScore, _thresholdId) = (_scores[worst], _ids[worst]);
    }

    // Quickselect (Hoare partition, middle pivot): afterwards the k best are in [0, k), in any order.
    private static void Select(Span<float> s, Span<int> ids, int k)
    {
        int lo = 0, hi = s.Length - 1;
        while (lo < hi)
        {
            int mid = lo + (hi - lo) / 2;
            float ps = s[mid];
            int pid = ids[mid];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (NeighborHeap.Better(s[i], ids[i], ps, pid))
                {
                    i++;
                }

                while (NeighborHeap.Better(ps, pid, s[j], ids[j]))
                {
                    j--;
                }

                if (i <= j)
                {
                    (s[i], s[j]) = (s[j], s[i]);
                    (ids[i], ids[j]) = (ids[j], ids[i]);
                    i++;
                    j--;
                }
            }

            if (k - 1 <= j)
            {
                hi = j;
            }
            else if (k - 1 >= i)
            {
                lo = i;
            }
            else
            {
                return;
            }
        }
    }
}
