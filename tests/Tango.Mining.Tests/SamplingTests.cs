using Tango.Core.IO;
using Tango.Search;

namespace Tango.Mining.Tests;

/// <summary>Random sampling, determinism, exact vs IVF, memory-mapped corpus.</summary>
public class SamplingTests
{
    private const int N = 600, D = 16, Q = 50;

    private static (VectorRows Q, VectorRows C, int[][] Positives) RandomProblem()
    {
        var corpus = Hand.Random(N, D, 11);
        var queries = Hand.Random(Q, D, 12);
        var rng = new Tango.Core.Rng(13);
        var positives = new int[Q][];
        for (int q = 0; q < Q; q++)
        {
            positives[q] = [.. Enumerable.Range(0, 1 + q % 5).Select(_ => rng.NextInt(N))];
            // Pull the query towards its first positive so positives rank high.
            for (int i = 0; i < D; i++)
            {
                queries[q * D + i] = 0.3f * queries[q * D + i] + corpus[positives[q][0] * D + i];
            }
        }

        return (VectorRows.FromArray(queries, Q, D), VectorRows.FromArray(corpus, N, D), positives);
    }

    private static string Key(MiningResult r) => string.Join(";", r.Rows.Select(row =>
        $"{row.Query}:{row.Positive}:{row.PositiveScore:R}:{string.Join(",", row.Negatives)}:" +
        string.Join(",", row.NegativeScores.Select(s => s.ToString("R", null)))));

    private static MiningResult Run(HardNegativeMiningOptions options, IKnnIndex? index = null)
    {
        var (q, c, p) = RandomProblem();
        return new HardNegativeMiner(options).Mine(q, c, index ?? CandidateIndexes.Flat(c, MetricKind.Cosine), p);
    }

    private static HardNegativeMiningOptions RandomOptions(ulong seed, int block = 4096, int threads = 2) => new()
    {
        NumNegatives = 5, RangeMin = 3, RangeMax = 40, Sampling = NegativeSampling.Random, Seed = seed,
        RelativeMargin = 0.02f, QueryBlock = block, MaxThreads = threads,
    };

    [Fact]
    public void Random_SameSeed_SameBits_AnyBlockAndThreadCount()
    {
        string a = Key(Run(RandomOptions(7)));
        Assert.Equal(a, Key(Run(RandomOptions(7, block: 7, threads: 1))));
        Assert.Equal(a, Key(Run(RandomOptions(7, block: 16, threads: 2))));
        Assert.NotEqual(a, Key(Run(RandomOptions(8))));
    }

    [Fact]
    public void Random_DrawsDistinctNegativesFromTheWindow_BestFirst()
    {
        var top = Run(RandomOptions(0));
        var window = Run(new()
        {
            NumNegatives = 37, RangeMin = 3, RangeMax = 40, RelativeMargin = 0.02f,
        });
        for (int i = 0; i < top.Rows.Count; i++)
        {
            var row = top.Rows[i];
            Assert.Equal(Math.Min(5, window.Rows[i].Negatives.Length), row.Negatives.Length);
            Assert.Equal(row.Negatives.Length, row.Negatives.Distinct().Count());
            Assert.Subset(window.Rows[i].Negatives.ToHashSet(), row.Negatives.ToHashSet());
            for (int j = 1; j < row.NegativeScores.Length; j++)
            {
                Assert.True(row.NegativeScores[j - 1] >= row.NegativeScores[j]);
            }
        }

        // Not just the top of the window: some draw goes past the first five.
        Assert.Contains(Enumerable.Range(0, top.Rows.Count), i =>
            top.Rows[i].Negatives.Any(n => Array.IndexOf(window.Rows[i].Negatives, n) >= 5));
    }

    [Fact]
    public void Top_SameResultForAnyBlockAndThreadCount()
    {
        var o = new HardNegativeMiningOptions { NumNegatives = 4, RangeMin = 2, RangeMax = 30, Margin = 0.01f };
        string a = Key(Run(o));
        Assert.Equal(a, Key(Run(new() { NumNegatives = 4, RangeMin = 2, RangeMax = 30, Margin = 0.01f,
            QueryBlock = 3, MaxThreads = 1 })));
    }

    [Fact]
    public void Ivf_WithEveryListProbed_EqualsExact()
    {
        var (_, c, _) = RandomProblem();
        var ivf = CandidateIndexes.Ivf(c, MetricKind.Cosine, lists: 8, probes: 8, trainingRows: N, seed: 3);
        var options = new HardNegativeMiningOptions
        {
            NumNegatives = 5, RangeMin = 1, RangeMax = 25, Sampling = NegativeSampling.Random, Seed = 1,
        };
        var exact = Run(options);
        Assert.Equal(Key(exact), Key(Run(options, ivf)));
        Assert.Equal(exact.Counts.Positives, Run(options, ivf).Counts.Positives);

        // With one probe the candidates differ: the test can tell the two apart.
        ivf.Probes = 1;
        Assert.NotEqual(Key(exact), Key(Run(options, ivf)));
    }

    [Fact]
    public void Ivf_TrainedOnASample_WithEveryListProbed_EqualsExact()
    {
        var (_, c, _) = RandomProblem();
        var ivf = CandidateIndexes.Ivf(c, MetricKind.Cosine, lists: 6, probes: 6, trainingRows: 100, seed: 9);
        Assert.Equal(N, ivf.Count);
        var options = new HardNegativeMiningOptions { NumNegatives = 3, RangeMax = 20, Margin = 0.05f };
        Assert.Equal(Key(Run(options)), Key(Run(options, ivf)));
    }

    [Fact]
    public void MappedCorpus_GivesTheSameResultAsInMemory()
    {
        var (q, c, p) = RandomProblem();
        string path = Path.Combine(Path.GetTempPath(), $"tango-mine-{Guid.NewGuid():N}.npy");
        try
        {
            Npy.Write(path, c.GetRows(0, N), N, D);
            using var mapped = MappedFloatMatrix.Open(path);
            var corpus = VectorRows.FromMapped(mapped);
            var options = RandomOptions(4);
            var fromFile = new HardNegativeMiner(options)
                .Mine(q, corpus, CandidateIndexes.Flat(corpus, MetricKind.Cosine), p);
            Assert.Equal(Key(Run(options)), Key(fromFile));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void StreamSeeds_DifferPerPairAndSeed()
    {
        var seeds = new HashSet<ulong>();
        for (ulong s = 0; s < 4; s++)
        {
            for (int q = 0; q < 100; q++)
            {
                for (int j = 0; j < 5; j++)
                {
                    Assert.True(seeds.Add(QueryMiner.StreamSeed(s, q, j)));
                }
            }
        }
    }
}
