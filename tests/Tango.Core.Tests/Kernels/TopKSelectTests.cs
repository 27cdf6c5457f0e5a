using Tango.Core.Kernels;
using Tango.TestKit;

namespace Tango.Core.Tests.Kernels;

public class TopKSelectTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Rows_MatchAFullSort_OnRandomDataWithTiesAndNaN(bool largest)
    {
        var rng = new Rng(70);
        for (int trial = 0; trial < 300; trial++)
        {
            int n = rng.NextInt(120), rows = 1 + rng.NextInt(3), k = rng.NextInt(n + 1);
            // A coarse grid makes ties frequent; some NaN and signed zeros exercise the ranking rules.
            var x = SeededCases.Uniform((ulong)trial, rows * n, -5f, 5f).Select(v => MathF.Round(v)).ToArray();
            for (int i = 0; i < x.Length; i += 17)
            {
                x[i] = trial % 3 == 0 ? float.NaN : -0f;
            }

            var values = new float[rows * k];
            var indices = new int[rows * k];
            TopKSelect.Rows(x, rows, n, k, largest, values, indices);
            for (int r = 0; r < rows; r++)
            {
                var expected = Enumerable.Range(0, n)
                    .OrderBy(j => Key(x[r * n + j], largest)).ThenBy(j => j).Take(k).ToArray();
                Assert.Equal(expected, indices.AsSpan(r * k, k).ToArray());
                for (int t = 0; t < k; t++)
                {
                    Assert.Equal(x[r * n + expected[t]], values[r * k + t]);
                }
            }
        }
    }

    [Fact]
    public void Rows_BadK_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => TopKSelect.Rows(new float[6], 2, 3, 4, true, [], []));
        Assert.Contains("k = 4", ex.Message, StringComparison.Ordinal);
    }

    // Sort key: best first. NaN outranks every number; −0 and +0 compare equal (double keys make them equal).
    private static double Key(float v, bool largest) =>
        float.IsNaN(v) ? (largest ? double.NegativeInfinity : double.PositiveInfinity) : largest ? -(double)v : v;
}
