using System.Numerics.Tensors;
using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis.Objectives;

/// <summary>
/// Turns one row of stochastic-neighbour probabilities p_i· into the gradient weights W_i· and the row's loss
/// term (NCA and MLKR differ only here).
/// </summary>
internal interface IRowWeights
{
    /// <summary>On entry <paramref name="row"/> holds p_ij (p_ii = 0); on exit W_ij. Returns the row's loss term.</summary>
    double Apply(int i, Span<double> row);
}

/// <summary>
/// The shared engine of NCA and MLKR: with z = Lx and p_ij = softmax_j(-‖z_i - z_j‖²) over j ≠ i, a loss
/// Σ_i ℓ_i(p_i·) has gradient scale · L (S + Sᵀ - Xᵀ diag(1ᵀW) X) with S = Xᵀ W X, where W_ij = ∂ℓ_i/∂(-D_ij)
/// comes from <see cref="IRowWeights"/>. This is metric-learn's 2·Zᵀ W_sym X (W_sym = W + Wᵀ, diagonal -1ᵀW)
/// rewritten so that no n×n matrix is ever stored: rows are processed in blocks of
/// <see cref="BlockRows"/>, memory is O(block·n + d²) and time O(n²(c + d)). Row ranges are reduced in a fixed
/// order, so results do not depend on the number of threads.
/// </summary>
internal static class SoftNeighborObjective
{
    private const int BlockRows = 32;
    private const int Chunks = 8;
    private const double ExpFloor = -708;
    private const long ParallelMinWork = 1L << 22;

    // x: (n, d), l: (c, d) -> returns Σ_i ℓ_i; grad: (c, d) = gradScale · L (S + Sᵀ - Xᵀ diag(colsum W) X)
    public static double Evaluate(double[] x, int n, int d, ReadOnlySpan<double> l, int c, IRowWeights weights,
        Span<double> grad, double gradScale)
    {
        var z = Dense.Project(x, n, d, l, c);
        var zt = Dense.Transpose(z, n, c);
        var sq = new double[n];
        for (int i = 0; i < n; i++)
        {
            sq[i] = Reduce.Dot(z.AsSpan(i * c, c), z.AsSpan(i * c, c));
        }

        int chunks = Math.Min(Chunks, (n + BlockRows - 1) / BlockRows);
        var partial = new (double Loss, double[] S, double[] ColSum)[chunks];
        void Chunk(int k)
        {
            int r0 = (int)((long)n * k / chunks), r1 = (int)((long)n * (k + 1) / chunks);
            partial[k] = Rows(x, n, d, z, zt, sq, c, r0, r1, weights);
        }

        // Same chunks either way (so the same bits); small problems skip the thread hand-off, which costs more than
        // the work itself, especially on a busy machine.
        if ((long)n * n * (c + d) < ParallelMinWork)
        {
            for (int k = 0; k < chunks; k++)
            {
                Chunk(k);
            }
        }
        else
        {
            Parallel.For(0, chunks, Chunk);
        }

        double loss = 0;
        var s = new double[d * d];
        var colSum = new double[n];
        foreach (var (chunkLoss, chunkS, chunkCol) in partial)
        {
            loss += chunkLoss;
            TensorPrimitives.Add(s, chunkS, s);
            TensorPrimitives.Add(colSum, chunkCol, colSum);
        }

        // S + Sᵀ - Xᵀ diag(colSum) X
        var scaled = new double[n * d];
        for (int i = 0; i < n; i++)
        {
            TensorPrimitives.Multiply(x.AsSpan(i * d, d), colSum[i], scaled.AsSpan(i * d, d));
        }

        var diagTerm = Dense.TransposeMatMul(x, n, d, scaled, d);
        var m = new double[d * d];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                m[i * d + j] = s[i * d + j] + s[j * d + i] - diagTerm[i * d + j];
            }
        }

        var g = Dense.MatMul(l, c, d, m, d);
        TensorPrimitives.Multiply(g, gradScale, grad);
        return loss;
    }

    // Rows [r0, r1): loss, S = X_rowsᵀ (W_rows X), column sums of W_rows.
    private static (double, double[], double[]) Rows(double[] x, int n, int d, double[] z, double[] zt, double[] sq,
        int c, int r0, int r1, IRowWeights weights)
    {
        var s = new double[d * d];
        var colSum = new double[n];
        double loss = 0;
        var w = new double[BlockRows * n];
        var wx = new double[BlockRows * d];
        for (int b0 = r0; b0 < r1; b0 += BlockRows)
        {
            int rows = Math.Min(BlockRows, r1 - b0);
            var block = w.AsSpan(0, rows * n);
            Dgemm.Multiply(z.AsSpan(b0 * c, rows * c), rows, c, zt, n, block, parallel: false);
            for (int r = 0; r < rows; r++)
            {
                var row = block.Slice(r * n, n);
                SoftmaxOfNegativeDistances(row, sq, b0 + r);
                loss += weights.Apply(b0 + r, row);
                TensorPrimitives.Add(colSum, row, colSum);
            }

            Dgemm.Multiply(block, rows, n, x, d, wx.AsSpan(0, rows * d), parallel: false);
            var xt = Dense.Transpose(x.AsSpan(b0 * d, rows * d), rows, d);
            Dgemm.Multiply(xt, d, rows, wx.AsSpan(0, rows * d), d, s, accumulate: true, parallel: false);
        }

        return (loss, s, colSum);
    }

    // row holds z_i·z_j on entry; on exit p_ij = exp(-D_ij) / Σ_{k≠i} exp(-D_ik), D_ij = max(‖z_i‖² + ‖z_j‖² -
    // 2 z_i·z_j, 0) (scikit-learn's euclidean_distances), p_ii = 0. Max-shifted.
    private static void SoftmaxOfNegativeDistances(Span<double> row, double[] sq, int i)
    {
        double si = sq[i];
        for (int j = 0; j < row.Length; j++)
        {
            row[j] = -Math.Max(si + sq[j] - 2 * row[j], 0);
        }

        row[i] = double.NegativeInfinity;
        double max = TensorPrimitives.Max<double>(row);

        // TensorPrimitives.Exp computes a whole vector with Math.Exp when any lane is outside ±708 (or -∞), and
        // the two differ in the last bit; which lanes share a vector depends on the buffer's alignment. Clamping
        // keeps every lane on the vector path, so results are reproducible; e^-708 ≈ 3e-308 is 0 next to the
        // row's maximum term, 1.
        for (int j = 0; j < row.Length; j++)
        {
            row[j] = Math.Max(row[j] - max, ExpFloor);
        }

        TensorPrimitives.Exp(row, row);
        row[i] = 0;
        double sum = Reduce.Sum(row);
        TensorPrimitives.Multiply(row, 1.0 / sum, row);
    }
}
