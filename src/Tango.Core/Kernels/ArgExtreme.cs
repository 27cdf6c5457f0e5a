using System.Numerics.Tensors;

namespace Tango.Core.Kernels;

/// <summary>
/// The first maximum (or minimum) of each row. NaN counts as the extreme, as in PyTorch's max and argmax: the
/// vectorised TensorPrimitives.Max/Min propagate NaN, and the scan for the first match uses float.Equals, under
/// which NaN equals NaN and −0 equals +0 (so ties between zeros also resolve to the lower index).
/// </summary>
internal static class ArgExtreme
{
    // x: (rows, n) with n ≥ 1 -> index: (rows), value: (rows)
    public static void Rows(ReadOnlySpan<float> x, int rows, int n, bool max, Span<int> index, Span<float> value)
    {
        if (n < 1 || rows < 0 || x.Length < (long)rows * n || index.Length < rows || value.Length < rows)
        {
            throw new ArgumentException(
                $"ArgExtreme.Rows: ({rows}, {n}) rows need n ≥ 1, {(long)rows * n} values and {rows} outputs; " +
                $"got spans of {x.Length}, {index.Length} and {value.Length}.");
        }

        for (int r = 0; r < rows; r++)
        {
            var row = x.Slice(r * n, n);
            int j = row.IndexOf(max ? TensorPrimitives.Max(row) : TensorPrimitives.Min(row));
            index[r] = j;
            value[r] = row[j];
        }
    }
}
