namespace Tango.Losses;

/// <summary>
/// The unordered anchor-positive and anchor-negative pairs {i &lt; j} that occur in a set of triplets, each once:
/// PML's <c>filter_pairs</c> (sort each pair, unique) applied to <c>convert_to_triplets(..., "all")</c>, computed
/// without listing the triplets.
/// </summary>
internal static class HistogramPairs
{
    /// <summary>
    /// For all triplets from the labels: an anchor has a triplet iff its class has another member and some other
    /// class exists, so the positive pairs are every same-class pair (when there are two classes or more) and the
    /// negative pairs every cross-class pair with at least one end in a class of two or more.
    /// </summary>
    public static ((int[] Rows, int[] Cols) Pos, (int[] Rows, int[] Cols) Neg) FromLabels(int[] labels)
    {
        var size = labels.CountBy(l => l).ToDictionary();
        if (size.Count < 2)
        {
            return (([], []), ([], []));
        }

        var (pr, pc, nr, nc) = (new List<int>(), new List<int>(), new List<int>(), new List<int>());
        for (int i = 0; i < labels.Length; i++)
        {
            for (int j = i + 1; j < labels.Length; j++)
            {
                if (labels[i] == labels[j])
                {
                    (pr, pc).Add(i, j);
                }
                else if (size[labels[i]] > 1 || size[labels[j]] > 1)
                {
                    (nr, nc).Add(i, j);
                }
            }
        }

        return (([.. pr], [.. pc]), ([.. nr], [.. nc]));
    }

    /// <summary>
    /// For given tuples: triplets give their (a, p) and (a, n) pairs; pairs (PML's convert_to_triplets joins each
    /// positive pair with each negative pair of the same anchor) give the positive pairs whose anchor also has a
    /// negative pair, and the negative pairs whose anchor also has a positive pair.
    /// </summary>
    public static ((int[] Rows, int[] Cols) Pos, (int[] Rows, int[] Cols) Neg) FromTuples(IndexTuples tuples, int n)
    {
        switch (tuples)
        {
            case TripletIndices t:
                return (Unique(t.A, t.P, n, _ => true), Unique(t.A, t.N, n, _ => true));
            case PairIndices p:
                var hasPositive = new HashSet<int>(p.A1);
                var hasNegative = new HashSet<int>(p.A2);
                return (Unique(p.A1, p.P, n, hasNegative.Contains), Unique(p.A2, p.N, n, hasPositive.Contains));
            default:
                throw new ArgumentException($"HistogramLoss: unsupported tuples {tuples}.");
        }
    }

    // Sorted unique {min, max} of the pairs whose anchor passes the filter, in row-major order like torch.unique.
    private static (int[] Rows, int[] Cols) Unique(int[] anchors, int[] others, int n, Func<int, bool> keep)
    {
        var seen = new bool[(long)n * n];
        for (int k = 0; k < anchors.Length; k++)
        {
            if (keep(anchors[k]))
            {
                int lo = Math.Min(anchors[k], others[k]), hi = Math.Max(anchors[k], others[k]);
                seen[(long)lo * n + hi] = true;
            }
        }

        var (rows, cols) = (new List<int>(), new List<int>());
        for (long at = 0; at < seen.LongLength; at++)
        {
            if (seen[at])
            {
                (rows, cols).Add((int)(at / n), (int)(at % n));
            }
        }

        return ([.. rows], [.. cols]);
    }

    private static void Add(this (List<int> Rows, List<int> Cols) lists, int row, int col)
    {
        lists.Rows.Add(row);
        lists.Cols.Add(col);
    }
}
