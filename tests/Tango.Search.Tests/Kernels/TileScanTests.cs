using Tango.Core;
using Tango.Core.Kernels;
using Tango.Search.Kernels;

namespace Tango.Search.Tests.Kernels;

public class TileScanTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(128)]
    [InlineData(256)]
    public void Row_MatchesAScalarSortOfTransformedScores_EveryLength(int bits)
    {
        var width = (SimdWidth)bits;
        var rng = new Rng(11);
        for (int m = 0; m <= 300; m++)
        {
            for (int offset = 0; offset < 3; offset++)
            {
                int k = rng.NextInt(12);
                // A coarse grid makes ties common; an occasional NaN or −∞ must never be selected.
                var c = new float[m + offset];
                var terms = new float[m + offset];
                for (int j = 0; j < c.Length; j++)
                {
                    c[j] = MathF.Round(rng.NextNormal() * 4f) / 4f;
                    terms[j] = MathF.Round(rng.NextNormal() * 4f) / 4f;
                }

                if (m > 5)
                {
                    c[offset + rng.NextInt(m)] = float.NaN;
                    c[offset + rng.NextInt(m)] = float.NegativeInfinity;
                }

                Check<PlainScore>(c.AsSpan(offset, m), terms.AsSpan(offset, m), k, width, (x, _) => x);
                Check<ShiftedScore>(c.AsSpan(offset, m), terms.AsSpan(offset, m), k, width, (x, t) => x + t);
                Check<ScaledScore>(c.AsSpan(offset, m), terms.AsSpan(offset, m), k, width, (x, t) => x * t);
            }
        }
    }

    [Fact]
    public void Row_WithExplicitIds_AndAHeapAlreadyHalfFull()
    {
        var scores = new float[4];
        var ids = new int[4];
        NeighborHeap.Reset(scores, ids);
        NeighborHeap.Push(scores, ids, 2f, 100);
        NeighborHeap.Push(scores, ids, 5f, 101);
        float[] c = [1f, 7f, 2f, 3f, 0f, 2f, 9f, 1f, 4f];
        int[] listIds = [50, 51, 52, 53, 54, 55, 56, 57, 3];
        TileScan.Row<PlainScore>(c, [], listIds, 0, scores, ids, SimdWidth.Vector256);
        NeighborHeap.SortBestFirst(scores, ids);
        Assert.Equal([9f, 7f, 5f, 4f], scores);
        Assert.Equal([56, 51, 101, 3], ids);
    }

    [Fact]
    public void Row_ShortTerms_Throws()
    {
        var scores = new float[2];
        var ids = new int[2];
        Assert.Throws<ArgumentException>(() =>
            TileScan.Row<ShiftedScore>(new float[5], new float[4], [], 0, scores, ids, SimdWidth.Scalar));
    }

    private static void Check<T>(ReadOnlySpan<float> c, ReadOnlySpan<float> terms, int k, SimdWidth width,
        Func<float, float, float> score) where T : struct, IScoreTransform
    {
        var hs = new float[k];
        var hi = new int[k];
        NeighborHeap.Reset(hs, hi);
        TileScan.Row<T>(c, terms, [], 1000, hs, hi, width);
        NeighborHeap.SortBestFirst(hs, hi);
        var all = new List<(float S, int Id)>();
        for (int j = 0; j < c.Length; j++)
        {
            float s = score(c[j], terms[j]);
            if (!float.IsNaN(s) && s != float.NegativeInfinity)
            {
                all.Add((s, 1000 + j));
            }
        }

        var expected = all.OrderByDescending(p => p.S).ThenBy(p => p.Id).Take(k).ToList();
        for (int t = 0; t < k; t++)
        {
            Assert.Equal(t < expected.Count ? expected[t].Id : -1, hi[t]);
            Assert.Equal(t < expected.Count ? expected[t].S : float.NegativeInfinity, hs[t]);
        }
    }
}
