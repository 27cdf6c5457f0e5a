using Tango.Core;
using Tango.Core.IO;

namespace Tango.Search.Tests;

public class IvfIndexTests
{
    // n points around 40 random centres in d dimensions (so the cells mean something).
    private static float[] Clustered(ulong seed, int n, int d)
    {
        var rng = new Rng(seed);
        var centres = BruteForce.Normal(seed + 100, 40 * d);
        var x = new float[n * d];
        for (int i = 0; i < n; i++)
        {
            int c = rng.NextInt(40);
            for (int j = 0; j < d; j++)
            {
                x[i * d + j] = 3f * centres[c * d + j] + rng.NextNormal();
            }
        }

        return x;
    }

    private static IvfIndex Build(MetricKind metric, float[] corpus, int d, int lists = 16)
    {
        var index = new IvfIndex(d, lists, metric);
        index.Train(corpus);
        index.Add(corpus);
        return index;
    }

    private static double Recall(KnnResult approx, KnnResult exact)
    {
        int found = 0;
        for (int i = 0; i < exact.QueryCount; i++)
        {
            found += approx.IdsOf(i).ToArray().Intersect(exact.IdsOf(i).ToArray()).Count();
        }

        return (double)found / exact.Ids.Length;
    }

    [Theory]
    [InlineData(MetricKind.SquaredL2)]
    [InlineData(MetricKind.L2)]
    [InlineData(MetricKind.InnerProduct)]
    [InlineData(MetricKind.Cosine)]
    public void AllProbes_EqualsFlatIndex_AndRecallGrowsWithProbes(MetricKind metric)
    {
        const int d = 12, n = 2000, k = 10;
        var corpus = Clustered(1, n, d);
        var queries = Clustered(2, 100, d);
        var index = Build(metric, corpus, d);
        var flat = new FlatIndex(d, metric);
        flat.Add(corpus);
        var exact = flat.Search(queries, k);
        double previous = 0;
        foreach (int probes in new[] { 1, 2, 4, 8, 16 })
        {
            var r = index.Search(queries, k, probes);
            double recall = Recall(r, exact);
            Assert.True(recall >= previous, $"recall {recall} at {probes} probes < {previous}");
            previous = recall;
        }

        Assert.Equal(1.0, previous);
        BruteForce.AssertMatches(index.Search(queries, k, 16), BruteForce.Rank(metric, corpus, queries, d), 1e-4);
    }

    [Fact]
    public void FewProbes_ScanOnlyTheirLists_YetFindMostNeighbours()
    {
        const int d = 8;
        var corpus = Clustered(3, 4000, d);
        var queries = Clustered(4, 100, d);
        var index = Build(MetricKind.SquaredL2, corpus, d, lists: 32);
        var flat = new FlatIndex(d);
        flat.Add(corpus);
        double recall = Recall(index.Search(queries, 10, 4), flat.Search(queries, 10));
        Assert.InRange(recall, 0.7, 1.0);
        Assert.Equal(4000, index.ListSizes().Sum());
        Assert.Equal(4000, index.Count);
    }

    [Fact]
    public void ExcludeSelf_AndThreadCountInvariance()
    {
        const int d = 6;
        var corpus = Clustered(5, 1500, d);
        var index = Build(MetricKind.Cosine, corpus, d, lists: 8);
        var one = index.Search(corpus.AsSpan(0, 300 * d), 5, 3, excludeSelf: true);
        for (int i = 0; i < 300; i++)
        {
            Assert.DoesNotContain(i, one.IdsOf(i).ToArray());
        }

        index.MaxThreads = 1;
        var single = index.Search(corpus.AsSpan(0, 300 * d), 5, 3, excludeSelf: true);
        Assert.Equal(one.Ids, single.Ids);
        Assert.Equal(one.Scores, single.Scores);
    }

    [Fact]
    public void AddFromMappedFile_EqualsAddFromMemory()
    {
        const int d = 5;
        var corpus = Clustered(6, 800, d);
        string path = Path.Combine(Path.GetTempPath(), $"tango-ivf-{Guid.NewGuid():N}.npy");
        try
        {
            Npy.Write(path, corpus, 800, d);
            using var mapped = MappedFloatMatrix.Open(path);
            var a = new IvfIndex(d, 4);
            a.Train(corpus);
            a.Add(mapped);
            var b = Build(MetricKind.SquaredL2, corpus, d, 4);
            var q = Clustered(7, 20, d);
            Assert.Equal(b.Search(q, 7, 2).Ids, a.Search(q, 7, 2).Ids);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AddInBatchesOfAnySize_EqualsOneBatch()
    {
        const int d = 7, n = 900;
        var corpus = Clustered(8, n, d);
        var whole = Build(MetricKind.InnerProduct, corpus, d, 8);
        var parts = new IvfIndex(d, 8, MetricKind.InnerProduct);
        parts.Train(corpus);
        int at = 0;
        foreach (int rows in new[] { 1, 1, 5, 40, 3, 250, 600 })
        {
            parts.Add(corpus.AsSpan(at * d, rows * d));
            at += rows;
        }

        Assert.Equal(n, parts.Count);
        Assert.Equal(whole.ListSizes(), parts.ListSizes());
        var q = Clustered(9, 30, d);
        var a = whole.Search(q, 6, 3, excludeSelf: false);
        var b = parts.Search(q, 6, 3, excludeSelf: false);
        Assert.Equal(a.Ids, b.Ids);
        Assert.Equal(a.Scores, b.Scores);
        var self = parts.Search(corpus.AsSpan(0, 50 * d), 4, 8, excludeSelf: true);
        for (int i = 0; i < 50; i++)
        {
            Assert.DoesNotContain(i, self.IdsOf(i).ToArray());
        }
    }

    [Fact]
    public void Misuse_Throws()
    {
        var index = new IvfIndex(2, 3);
        Assert.Throws<InvalidOperationException>(() => index.Add([1f, 2f]));
        Assert.Throws<InvalidOperationException>(() => index.Search([1f, 2f], 1));
        Assert.Throws<ArgumentException>(() => index.Train([1f, 2f, 3f, 4f]));
        index.Train(Tensor.FromArray([0f, 0f, 1f, 0f, 0f, 1f, 1f, 1f], 4, 2));
        Assert.True(index.IsTrained);
        Assert.Throws<InvalidOperationException>(() => index.Train([0f, 0f, 1f, 1f, 2f, 2f]));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Probes = 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search([1f, 1f], 1, probes: 0));
        Assert.Throws<ArgumentException>(() => index.Add(new float[3]));
        index.Add(Tensor.FromArray([0.1f, 0.1f], 1, 2));
        var r = index.Search(Tensor.FromArray([0f, 0f], 1, 2), 2);
        Assert.Equal([0, -1], r.IdsOf(0).ToArray());
    }
}
