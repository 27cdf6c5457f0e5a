using Tango.Core;
using Tango.Search.Kernels;

namespace Tango.Search.Tests.Kernels;

public class NeighborHeapTests
{
    [Fact]
    public void PushThenSort_KeepsTheKBest_TiesBySmallerId_AnyInsertionOrder()
    {
        var rng = new Rng(3);
        for (int trial = 0; trial < 200; trial++)
        {
            int n = rng.NextInt(60), k = rng.NextInt(10);
            var items = Enumerable.Range(0, n).Select(i => (S: (float)rng.NextInt(8), Id: i)).ToArray();
            rng.Shuffle(items.AsSpan());
            var scores = new float[k];
            var ids = new int[k];
            NeighborHeap.Reset(scores, ids);
            foreach (var (s, id) in items)
            {
                NeighborHeap.Push(scores, ids, s, id);
            }

            NeighborHeap.SortBestFirst(scores, ids);
            var expected = items.OrderByDescending(p => p.S).ThenBy(p => p.Id).Take(k).ToArray();
            for (int t = 0; t < k; t++)
            {
                Assert.Equal(t < n ? expected[t].Id : -1, ids[t]);
                Assert.Equal(t < n ? expected[t].S : float.NegativeInfinity, scores[t]);
            }
        }
    }

    [Fact]
    public void SortBestFirstFast_EqualsTheHeapSort_AndHeapifyMakesAValidHeap()
    {
        var rng = new Rng(4);
        for (int k = 0; k <= 120; k++)
        {
            var scores = Enumerable.Range(0, k).Select(_ => (float)rng.NextInt(9) - 4).ToArray();
            var ids = Enumerable.Range(0, k).Select(i => 3 * i + 1).ToArray();
            rng.Shuffle(ids.AsSpan());
            if (k > 3)
            {
                scores[1] = float.NegativeInfinity;
                ids[1] = -1;
            }

            var (s1, i1) = ((float[])scores.Clone(), (int[])ids.Clone());
            NeighborHeap.Heapify(s1, i1);
            var (s2, i2) = ((float[])s1.Clone(), (int[])i1.Clone());
            NeighborHeap.SortBestFirst(s1, i1);
            NeighborHeap.SortBestFirstFast(s2, i2);
            Assert.Equal(s1, s2);
            Assert.Equal(i1, i2);
            var expected = scores.Zip(ids).OrderByDescending(p => p.First).ThenBy(p => p.Second).ToArray();
            Assert.Equal(expected.Select(p => p.Second), i1);
        }
    }

    [Fact]
    public void Better_IsATotalOrderOnScoreThenId()
    {
        Assert.True(NeighborHeap.Better(2f, 9, 1f, 0));
        Assert.True(NeighborHeap.Better(1f, 0, 1f, 1));
        Assert.False(NeighborHeap.Better(1f, 1, 1f, 1));
        Assert.False(NeighborHeap.Better(float.NegativeInfinity, 3, float.NegativeInfinity, -1));
        Assert.False(NeighborHeap.Better(float.NaN, 0, float.NegativeInfinity, -1));
    }
}
