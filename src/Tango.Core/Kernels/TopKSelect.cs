namespace Tango.Core.Kernels;

/// <summary>
/// Per-row top-k by a bounded heap: O(n log k) per row instead of a full O(n log n) sort, then the k survivors
/// sorted best first. Ranking: by value (largest or smallest first), NaN ranked above every number (as
/// PyTorch's topk), −0 equal to +0, and ties to the lower index. A candidate is compared with the heap's worst
/// survivor only, so for k ≪ n almost every element costs one comparison.
/// </summary>
internal static class TopKSelect
{
    // x: (rows, n), 0 ≤ k ≤ n -> values: (rows, k), indices: (rows, k), each row best first
    public static void Rows(ReadOnlySpan<float> x, int rows, int n, int k, bool largest, Span<float> values,
        Span<int> indices)
    {
        if (rows < 0 || k < 0 || k > n || x.Length < (long)rows * n || values.Length < (long)rows * k
            || indices.Length < (long)rows * k)
        {
            throw new ArgumentException(
                $"TopKSelect.Rows: ({rows}, {n}) rows with k = {k} need 0 ≤ k ≤ n and spans of {(long)rows * n} and " +
                $"{(long)rows * k}; got {x.Length}, {values.Length} and {indices.Length}.");
        }

        var heap = new int[k];
        for (int r = 0; r < rows; r++)
        {
            var row = x.Slice(r * n, n);
            SelectRow(row, k, largest, heap);
            for (int t = 0; t < k; t++)
            {
                indices[r * k + t] = heap[t];
                values[r * k + t] = row[heap[t]];
            }
        }
    }

    // heap: (k) <- indices of the row's k best, best first
    private static void SelectRow(ReadOnlySpan<float> row, int k, bool largest, int[] heap)
    {
        if (k == 0)
        {
            return;
        }

        // A min-heap under "better": the root is the worst survivor.
        int count = 0;
        for (int j = 0; j < row.Length; j++)
        {
            if (count < k)
            {
                heap[count] = j;
                SiftUp(row, heap, count++, largest);
            }
            else if (Better(row, j, heap[0], largest))
            {
                heap[0] = j;
                SiftDown(row, heap, 0, k, largest);
            }
        }

        // Heap sort: repeatedly move the worst survivor to the end, leaving the best first.
        for (int end = k - 1; end > 0; end--)
        {
            (heap[0], heap[end]) = (heap[end], heap[0]);
            SiftDown(row, heap, 0, end, largest);
        }
    }

    private static void SiftUp(ReadOnlySpan<float> row, int[] heap, int at, bool largest)
    {
        while (at > 0)
        {
            int parent = (at - 1) / 2;
            if (!Better(row, heap[parent], heap[at], largest))
            {
                return;
            }

            (heap[parent], heap[at]) = (heap[at], heap[parent]);
            at = parent;
        }
    }

    private static void SiftDown(ReadOnlySpan<float> row, int[] heap, int at, int count, bool largest)
    {
        while (true)
        {
            int worst = at, left = 2 * at + 1, right = left + 1;
            if (left < count && Better(row, heap[worst], heap[left], largest))
            {
                worst = left;
            }

            if (right < count && Better(row, heap[worst], heap[right], largest))
            {
                worst = right;
            }

            if (worst == at)
            {
                return;
            }

            (heap[worst], heap[at]) = (heap[at], heap[worst]);
            at = worst;
        }
    }

    // True if element i ranks strictly before element j.
    private static bool Better(ReadOnlySpan<float> row, int i, int j, bool largest)
    {
        int c = Order(row[i], row[j]);
        return (largest ? c > 0 : c < 0) || (c == 0 && i < j);
    }

    // A total order on values: NaN above everything, −0 equal to +0.
    private static int Order(float a, float b) =>
        a < b ? -1 : a > b ? 1 : a == b ? 0 : float.IsNaN(a) ? (float.IsNaN(b) ? 0 : 1) : -1;
}
