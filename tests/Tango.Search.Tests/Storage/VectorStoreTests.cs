using Tango.Search.Storage;

namespace Tango.Search.Tests.Storage;

public class VectorStoreTests
{
    [Fact]
    public void Append_GrowsChunks_KeepsIdsContiguous_AndNorms()
    {
        var store = new VectorStore(3);
        var data = BruteForce.Normal(1, 3 * 1000);
        store.Append(data.AsSpan(0, 3 * 10));
        for (int i = 10; i < 1000; i += 7)
        {
            store.Append(data.AsSpan(3 * i, 3 * Math.Min(7, 1000 - i)));
        }

        Assert.Equal(1000, store.Count);
        var seen = new List<float>();
        foreach (var s in store.Segments)
        {
            Assert.Equal(seen.Count / 3, s.FirstId);
            seen.AddRange(s.GetRows(0, s.Rows, 3).ToArray());
        }

        Assert.Equal(data, seen);
        for (int i = 0; i < 1000; i++)
        {
            float expected = data[3 * i] * data[3 * i] + data[3 * i + 1] * data[3 * i + 1] +
                             data[3 * i + 2] * data[3 * i + 2];
            Tango.TestKit.Tolerance.Close(expected, store.SquaredNorms[i], 1e-6, 1e-7);
        }
    }

    [Fact]
    public void Append_LargeBatch_SplitsIntoChunksOfAtMost64MiB()
    {
        var store = new VectorStore(4096);
        store.Append(new float[4096 * 4100 + 4096 * 3]);
        Assert.Equal(4103, store.Count);
        Assert.Equal(2, store.Segments.Count);
        Assert.Equal(4096, store.Segments[0].Rows);
        Assert.Equal(7, store.Segments[1].Rows);
    }
}
