using Tango.Core;
using Tango.Core.IO;
using Tango.Core.Kernels;

namespace Tango.Search.Tests;

public class FlatIndexTests
{
    public static TheoryData<MetricKind> Metrics =>
        [MetricKind.SquaredL2, MetricKind.L2, MetricKind.InnerProduct, MetricKind.Cosine];

    [Theory]
    [MemberData(nameof(Metrics))]
    public void Search_EqualsBruteForceSort_OnRandomData(MetricKind metric)
    {
        // Corpus spans several tiles (1024 rows) and a partial one; queries span two blocks (256) and a partial one.
        const int d = 19, n = 1500, m = 270, k = 7;
        var corpus = BruteForce.Normal(1, n * d);
        var queries = BruteForce.Normal(2, m * d);
        var index = new FlatIndex(d, metric);
        index.Add(corpus.AsSpan(0, 700 * d));
        index.Add(corpus.AsSpan(700 * d));
        var result = index.Search(queries, k);
        Assert.Equal(m, result.QueryCount);
        BruteForce.AssertMatches(result, BruteForce.Rank(metric, corpus, queries, d), 1e-4);
    }

    [Theory]
    [InlineData(MetricKind.SquaredL2, 100)]
    [InlineData(MetricKind.InnerProduct, 333)]
    public void Search_LargeK_UsesTheReservoir_AndStillEqualsBruteForce(MetricKind metric, int k)
    {
        const int d = 5, n = 1300, m = 20;
        var corpus = BruteForce.Normal(11, n * d).Select(v => MathF.Round(v * 4) / 4).ToArray();
        var queries = BruteForce.Normal(12, m * d);
        var index = new FlatIndex(d, metric);
        index.Add(corpus);
        BruteForce.AssertMatches(index.Search(queries, k, excludeSelf: true),
            BruteForce.Rank(metric, corpus, queries, d, excludeSelf: true), 1e-4);
        var all = index.Search(queries, n + 5);
        Assert.Equal(-1, all.IdsOf(0)[n]);
    }

    [Theory]
    [MemberData(nameof(Metrics))]
    public void Search_ExcludeSelf_NeverReturnsTheQueryItself(MetricKind metric)
    {
        const int d = 8, n = 300;
        var corpus = BruteForce.Normal(3, n * d);
        var index = new FlatIndex(d, metric);
        index.Add(corpus);
        var result = index.Search(corpus.AsSpan(0, 50 * d), 5, excludeSelf: true);
        for (int i = 0; i < 50; i++)
        {
            Assert.DoesNotContain(i, result.IdsOf(i).ToArray());
        }

        BruteForce.AssertMatches(result, BruteForce.Rank(metric, corpus, corpus[..(50 * d)], d, true), 1e-4);
    }

    [Fact]
    public void Search_KLargerThanCorpus_PadsWithMinusOneAndWorstScore()
    {
        var index = new FlatIndex(2, MetricKind.L2);
        index.Add([0f, 0f, 3f, 4f]);
        var r = index.Search([0f, 0f], 4, excludeSelf: true);
        Assert.Equal([1, -1, -1, -1], r.IdsOf(0).ToArray());
        const float inf = float.PositiveInfinity;
        Assert.Equal([5f, inf, inf, inf], r.ScoresOf(0).ToArray());
        var ip = new FlatIndex(2, MetricKind.InnerProduct);
        Assert.Equal([-1, -1], ip.Search([1f, 1f], 2).IdsOf(0).ToArray());
        Assert.Equal(float.NegativeInfinity, ip.Search([1f, 1f], 2).ScoresOf(0)[1]);
    }

    [Fact]
    public void Search_TiesAreOrderedById_AndScoresAreExactForSimpleData()
    {
        var index = new FlatIndex(1, MetricKind.SquaredL2);
        index.Add([5f, 1f, -1f, 1f, 3f]);
        var r = index.Search([0f], 5);
        Assert.Equal([1, 2, 3, 4, 0], r.IdsOf(0).ToArray());
        Assert.Equal([1f, 1f, 1f, 9f, 25f], r.ScoresOf(0).ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(300)]
    public void Search_SameBitsForAnyThreadCountAndSimdWidth(int m)
    {
        const int d = 16, n = 2100, k = 10;
        var corpus = BruteForce.Normal(4, n * d);
        var queries = BruteForce.Normal(5, m * d);
        KnnResult? first = null;
        foreach (int threads in new[] { 1, 2, 5 })
        {
            foreach (var width in new[] { SimdWidth.Scalar, SimdWidth.Vector128, SimdWidth.Vector256 })
            {
                var index = new FlatIndex(d, MetricKind.Cosine) { MaxThreads = threads, Width = width };
                index.Add(corpus);
                var r = index.Search(queries, k);
                first ??= r;
                Assert.Equal(first.Ids, r.Ids);
                Assert.Equal(first.Scores, r.Scores);
            }
        }
    }

    [Fact]
    public void Add_MappedCorpus_GivesTheSameResultAsInMemory()
    {
        const int d = 12, n = 2100;
        var corpus = BruteForce.Normal(6, n * d);
        var queries = BruteForce.Normal(7, 40 * d);
        string path = Path.Combine(Path.GetTempPath(), $"tango-flat-{Guid.NewGuid():N}.npy");
        try
        {
            Npy.Write(path, corpus, n, d);
            using var mapped = MappedFloatMatrix.Open(path);
            var fromFile = new FlatIndex(d, MetricKind.SquaredL2);
            fromFile.Add(corpus.AsSpan(0, 5 * d));
            fromFile.Add(mapped);
            var inMemory = new FlatIndex(d, MetricKind.SquaredL2);
            inMemory.Add(corpus.AsSpan(0, 5 * d));
            inMemory.Add(corpus);
            Assert.Equal(5 + n, fromFile.Count);
            var a = fromFile.Search(queries, 6);
            var b = inMemory.Search(queries, 6);
            Assert.Equal(b.Ids, a.Ids);
            Assert.Equal(b.Scores, a.Scores);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Add_OneVectorAtATime_EqualsOneBatch()
    {
        const int d = 3;
        var corpus = BruteForce.Normal(8, 500 * d);
        var batch = new FlatIndex(d, MetricKind.InnerProduct);
        batch.Add(corpus);
        var single = new FlatIndex(d, MetricKind.InnerProduct);
        for (int i = 0; i < 500; i++)
        {
            single.Add(corpus.AsSpan(i * d, d));
        }

        var q = BruteForce.Normal(9, 4 * d);
        Assert.Equal(batch.Search(q, 9).Ids, single.Search(q, 9).Ids);
    }

    [Fact]
    public void TensorOverloads_AndEmptyInputs()
    {
        var index = new FlatIndex(2, MetricKind.InnerProduct);
        index.Add(Tensor.FromArray([1f, 0f, 0f, 1f], 2, 2));
        var r = index.Search(Tensor.FromArray([0.2f, 0.9f], 1, 2), 1);
        Assert.Equal(1, r.IdsOf(0)[0]);
        Assert.Equal(0, index.Search([], 3).QueryCount);
        Assert.Equal(0, index.Search([1f, 1f], 0).K);
    }

    [Fact]
    public void BadInput_ThrowsNamingTheProblem()
    {
        var index = new FlatIndex(3);
        Assert.Contains("not a whole number of rows of dimension 3",
            Assert.Throws<ArgumentException>(() => index.Add(new float[4])).Message, StringComparison.Ordinal);
        Assert.Contains("(n, 3)", Assert.Throws<ArgumentException>(() => index.Add(Tensor.Zeros(2, 4))).Message,
            StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search(new float[3], -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FlatIndex(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FlatIndex(2, (MetricKind)9));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.MaxThreads = 0);
    }
}
