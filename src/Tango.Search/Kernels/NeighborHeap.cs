namespace Tango.Search.Kernels;

/// <summary>
/// A bounded heap of the k best (score, id) pairs of one query, larger score better and, on equal scores, the
/// smaller id better (so results equal a stable sort by score). The root holds the worst survivor, so a
/// candidate is compared with one element; slots start as (−∞, −1), which no real candidate loses to.
/// </summary>
internal static class NeighborHeap
{
    // scores, ids: (k) <- all (−∞, −1)
    public static void Reset(Span<float> scores, Span<int> ids)
    {
        scores.Fill(float.NegativeInfinity);
        ids.Fill(-1);
    }

    /// <summary>True if (s, id) ranks strictly before (s2, id2).</summary>
    public static bool Better(float s, int id, float s2, int id2) => s > s2 || (s == s2 && id < id2);

    /// <summary>Offers a candidate; it replaces the root if it beats it.</summary>
    public static void Push(Span<float> scores, Span<int> ids, float s, int id)
    {
        if (scores.Length > 0 && Better(s, id, scores[0], ids[0]))
        {
            ReplaceRoot(scores, ids, s, id);
        }
    }

    /// <summary>Puts (s, id) at the root and sifts it down to restore the heap.</summary>
    public static void ReplaceRoot(Span<float> scores, Span<int> ids, float s, int id) =>
        SiftDown(scores, ids, 0, s, id);

    /// <summary>Arranges arbitrary pairs into a heap in O(k) (Floyd's bottom-up construction).</summary>
    public static void Heapify(Span<float> scores, Span<int> ids)
    {
        for (int at = scores.Length / 2 - 1; at >= 0; at--)
        {
            SiftDown(scores, ids, at, scores[at], ids[at]);
        }
    }

    /// <summary>
    /// Sorts best first. Large rows use an introsort on the float keys (negated, so larger scores come first) and
    /// then order runs of equal scores by id; small rows use the heap sort.
    /// </summary>
    public static void SortBestFirstFast(Span<float> scores, Span<int> ids)
    {
        if (scores.Length < 32)
        {
            SortBestFirst(scores, ids);
            return;
        }

        for (int t = 0; t < scores.Length; t++)
        {
            scores[t] = -scores[t];
        }

        scores.Sort(ids);
        for (int start = 0; start < scores.Length;)
        {
            int end = start + 1;
            while (end < scores.Length && scores[end] == scores[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                ids[start..end].Sort();
            }

            start = end;
        }

        for (int t = 0; t < scores.Length; t++)
        {
            scores[t] = -scores[t];
        }
    }

    // Places (s, id) at `at` and moves it down until both children are better.
    private static void SiftDown(Span<float> scores, Span<int> ids, int at, float s, int id)
    {
        int k = scores.Length;
        while (true)
        {
            int worst = at, left = 2 * at + 1, right = left + 1;
            float ws = s;
            int wid = id;
            if (left < k && Better(ws, wid, scores[left], ids[left]))
            {
                worst = left;
                ws = scores[left];
                wid = ids[left];
            }

            if (right < k && Better(ws, wid, scores[right], ids[right]))
            {
                worst = right;
            }

            if (worst == at)
            {
                break;
            }

            scores[at] = scores[worst];
            ids[at] = ids[worst];
            at = worst;
        }

        scores[at] = s;
        ids[at] = id;
    }

    /// <summary>Heap sort in place: afterwards the pairs are best first.</summary>
    public static void SortBestFirst(Span<float> scores, Span<int> ids)
    {
        for (int end = scores.Length - 1; end > 0; end--)
        {
            float s = scores[end];
            int id = ids[end];
            scores[end] = scores[0];
            ids[end] = ids[0];
            ReplaceRoot(scores[..end], ids[..end], s, id);
        }
    }
}
