using Tango.Core.Kernels;

namespace Tango.Core.Tests.Kernels;

public class ArgExtremeTests
{
    [Fact]
    public void Rows_MatchFirstExtremeScan_AtEveryLength_WithTies()
    {
        foreach (var (n, off) in KernelCases.LengthsAndOffsets().Where(c => c.N > 0))
        {
            // Values on a coarse grid, so the extreme is usually tied several times.
            var x = KernelCases.Padded((ulong)n + 50, n, off, -4f, 4f);
            for (int i = off; i < off + n; i++)
            {
                x[i] = MathF.Round(x[i]);
            }

            var index = new int[2];
            var value = new float[2];
            ArgExtreme.Rows(x.AsSpan(off, n), 1, n, max: true, index, value);
            ArgExtreme.Rows(x.AsSpan(off, n), 1, n, max: false, index.AsSpan(1), value.AsSpan(1));
            int best = 0, worst = 0;
            for (int k = 1; k < n; k++)
            {
                best = x[off + k] > x[off + best] ? k : best;
                worst = x[off + k] < x[off + worst] ? k : worst;
            }

            Assert.Equal([best, worst], index);
            Assert.Equal([x[off + best], x[off + worst]], value);
        }
    }

    [Fact]
    public void Rows_EmptyRows_Throw()
    {
        var ex = Assert.Throws<ArgumentException>(() => ArgExtreme.Rows([], 2, 0, true, new int[2], new float[2]));
        Assert.Contains("n ≥ 1", ex.Message, StringComparison.Ordinal);
    }
}
