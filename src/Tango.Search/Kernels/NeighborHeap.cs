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
    public static void ReplaceRoot(Span<float> scores, Span<int> ids, float s, int id)
    {
        int k = scores.Length, at = 0;
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
