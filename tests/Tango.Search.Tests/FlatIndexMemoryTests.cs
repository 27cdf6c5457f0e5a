using Tango.Core.IO;

namespace Tango.Search.Tests;

/// <summary>Runs alone: it counts the bytes the whole process allocates.</summary>
[CollectionDefinition(nameof(AllocationCounting), DisableParallelization = true)]
public sealed class AllocationCounting;

/// <summary>
/// FlatIndex's memory bounds, measured as managed allocation: a search allocates O(tile + queries·k), never the
/// queries × corpus score matrix, and adding a memory-mapped corpus allocates its norms only, never a copy.
/// </summary>
[Collection(nameof(AllocationCounting))]
public class FlatIndexMemoryTests
{
    [Theory]
    [InlineData(MetricKind.InnerProduct, 10)]
    [InlineData(MetricKind.SquaredL2, 10)]
    [InlineData(MetricKind.Cosine, 150)]
    public void Search_AllocatesFarLessThanTheScoreMatrix(MetricKind metric, int k)
    {
        const int d = 16, n = 50_000, m = 600;
        var corpus = BruteForce.Normal(21, n * d);
        var queries = BruteForce.Normal(22, m * d);
        var index = new FlatIndex(d, metric) { MaxThreads = 2 };
        index.Add(corpus);
        index.Search(queries.AsSpan(0, 10 * d), k);
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var result = index.Search(queries, k);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        // The (m, n) score matrix alone would be 120 MB. A worker holds one 256 × 1024 tile (1 MiB) and, for
        // k ≥ 100, 256 reservoirs of 2k slots (~2.4 MB at k = 150); the result is m·k (id, score) pairs.
        Assert.Equal(m, result.QueryCount);
        Assert.True(allocated < 16_000_000, $"search allocated {allocated:N0} bytes");
    }

    [Fact]
    public void AddMapped_AllocatesTheNormsOnly()
    {
        const int d = 64, n = 20_000;
        var corpus = BruteForce.Normal(23, n * d);
        string path = Path.Combine(Path.GetTempPath(), $"tango-mem-{Guid.NewGuid():N}.npy");
        try
        {
            Npy.Write(path, corpus, n, d);
            using var mapped = MappedFloatMatrix.Open(path);
            var index = new FlatIndex(d, MetricKind.SquaredL2);
            long before = GC.GetTotalAllocatedBytes(precise: true);
            index.Add(mapped);
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

            // The file holds 5.12 MB of vectors; the index keeps a squared norm and a score term per vector.
            Assert.Equal(n, index.Count);
            Assert.True(allocated < 2L * n * sizeof(float) + 64_000, $"Add allocated {allocated:N0} bytes");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
