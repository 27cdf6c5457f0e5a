using System.Numerics.Tensors;
using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis.Objectives;

/// <summary>
/// Finds LMNN's impostor pairs (metric-learn's <c>_find_impostors</c>): every pair of points with different labels
/// (a with the smaller label, b the larger) whose squared distance in the learned space is below the margin radius
/// of either point, radius = 1 + squared distance to the point's farthest target neighbour. Points are visited in
/// label order and processed in row blocks against the points of larger labels, with the distance expansion
/// ‖z_a‖² + ‖z_b‖² - 2 z_a·z_b clipped at 0 as scikit-learn computes it; memory is O(block·n) plus the pairs
/// found. Blocks run in parallel and are concatenated in order, so the result does not depend on thread count.
/// </summary>
internal sealed class ImpostorSearch
{
    private const int BlockRows = 64;
    private const int ParallelMinRows = 512;

    private readonly int _n;
    private readonly int[] _order;
    private readonly int[] _nextLabelStart;

    // classIndex: (n) class of each point
    public ImpostorSearch(int[] classIndex)
    {
        _n = classIndex.Length;
        _order = Enumerable.Range(0, _n).OrderBy(i => classIndex[i]).ThenBy(i => i).ToArray();
        _nextLabelStart = new int[_n];
        for (int i = _n - 1; i >= 0; i--)
        {
            _nextLabelStart[i] = i == _n - 1 ? _n
                : classIndex[_order[i + 1]] != classIndex[_order[i]] ? i + 1 : _nextLabelStart[i + 1];
        }
    }

    // z: (n, c) embedded points, radius: (n) -> pairs (a, b) with class(a) < class(b)
    public (int[] A, int[] B) Find(double[] z, int c, double[] radius)
    {
        int n = _n;
        var zs = Dense.Rows(z, c, _order);
        var zt = Dense.Transpose(zs, n, c);
        var sq = new double[n];
        for (int i = 0; i < n; i++)
        {
            sq[i] = Reduce.Dot(zs.AsSpan(i * c, c), zs.AsSpan(i * c, c));
        }

        int blocks = (n + BlockRows - 1) / BlockRows;
        var found = new List<(int, int)>[blocks];
        if (n >= ParallelMinRows)
        {
            Parallel.For(0, blocks, blk => found[blk] = Block(blk, zs, zt, sq, c, radius));
        }
        else
        {
            for (int blk = 0; blk < blocks; blk++)
            {
                found[blk] = Block(blk, zs, zt, sq, c, radius);
            }
        }

        int total = found.Sum(l => l.Count);
        var (pa, pb) = (new int[total], new int[total]);
        int k = 0;
        foreach (var list in found)
        {
            foreach (var (a, b) in list)
            {
                (pa[k], pb[k]) = (a, b);
                k++;
            }
        }

        return (pa, pb);
    }

    // Rows [r0, r0 + BlockRows) of the label-sorted points against the columns of larger labels.
    private List<(int, int)> Block(int blk, double[] zs, double[] zt, double[] sq, int c, double[] radius)
    {
        int n = _n, r0 = blk * BlockRows, rows = Math.Min(BlockRows, n - r0);
        int col0 = _nextLabelStart[r0], cols = n - col0;
        var list = new List<(int, int)>();
        if (cols <= 0)
        {
            return list;
        }

        var dots = new double[rows * cols];
        Dgemm.Multiply(zs.AsSpan(r0 * c, rows * c), rows, c, zt.AsSpan(col0), cols, dots, parallel: false, ldb: n);
        for (int r = 0; r < rows; r++)
        {
            int i = r0 + r, a = _order[i];
            for (int j = _nextLabelStart[i]; j < n; j++)
            {
                int b = _order[j];
                double dist = Math.Max(sq[i] + sq[j] - 2 * dots[r * cols + (j - col0)], 0);
                if (dist < radius[a] || dist < radius[b])
                {
                    list.Add((a, b));
                }
            }
        }

        return list;
    }
}
