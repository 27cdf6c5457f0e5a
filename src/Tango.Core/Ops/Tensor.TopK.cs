using Tango.Core.Kernels;

namespace Tango.Core;

public sealed partial class Tensor
{
    /// <summary>
    /// The <paramref name="k"/> largest (or smallest) elements of each row of a rank-2 tensor (or of a rank-1
    /// tensor), best first, ties to the lower index, NaN ranked above every number (as PyTorch's topk). Returns
    /// the values, shaped (rows, k) (or (k)), and their column indices row-major in an int[] of rows·k. The values
    /// are differentiable: their gradient is scattered back to the chosen positions.
    /// </summary>
    // x: (rows, n) or (n) -> values: (rows, k) or (k), indices: rows·k
    public (Tensor Values, int[] Indices) TopK(int k, bool largest = true)
    {
        if (Rank is not (1 or 2))
        {
            throw new ArgumentException($"TopK: needs a rank-1 or rank-2 tensor; got shape {ShapeString}.");
        }

        int n = _shape[^1], rows = Rank == 1 ? 1 : _shape[0];
        if (k < 0 || k > n)
        {
            throw new ArgumentOutOfRangeException(nameof(k),
                $"TopK: k = {k} is out of range for rows of length {n} (shape {ShapeString}).");
        }

        var values = Uninitialized(Rank == 1 ? [k] : [rows, k]);
        var indices = new int[rows * k];
        TopKSelect.Rows(Span, rows, n, k, largest, values.Span, indices);
        values.Record("TopK", [this], g =>
        {
            var dx = Zeros(Shape);
            ReadOnlySpan<float> gv = g.Span;
            Span<float> dv = dx.Span;
            for (int p = 0; p < indices.Length; p++)
            {
                dv[p / k * n + indices[p]] += gv[p];
            }

            AccumulateGrad(dx);
        });
        return (values, (int[])indices.Clone());
    }
}
