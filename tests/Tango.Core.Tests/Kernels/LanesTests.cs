using Tango.Core.Kernels;

namespace Tango.Core.Tests.Kernels;

public class LanesTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(2, 3, 4)]
    [InlineData(3, 7, 1)]
    [InlineData(1, 5, 33)]
    public void ToRows_PutsEachLaneInARow_AndFromRowsUndoesIt(int outer, int n, int inner)
    {
        var x = Enumerable.Range(0, outer * n * inner).Select(v => (float)v).ToArray();
        var rows = new float[x.Length];
        Lanes.ToRows(x, rows, outer, n, inner);
        for (int r = 0; r < outer * inner; r++)
        {
            for (int k = 0; k < n; k++)
            {
                Assert.Equal(x[(r / inner * n + k) * inner + r % inner], rows[r * n + k]);
            }
        }

        var back = new float[x.Length];
        Lanes.FromRows(rows, back, outer, n, inner);
        Assert.Equal(x, back);
    }
}
