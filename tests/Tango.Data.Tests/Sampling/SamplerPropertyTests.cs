using Tango.Data.Sampling;

namespace Tango.Data.Tests.Sampling;

/// <summary>Sampler invariants over seeded random configurations.</summary>
public class SamplerPropertyTests
{
    [Fact]
    public void MPerClass_Invariants_OverRandomConfigurations()
    {
        var rng = new Core.Rng(2024);
        for (int trial = 0; trial < 40; trial++)
        {
            int classes = 2 + rng.NextInt(12);
            var labels = Enumerable.Range(0, classes).SelectMany(c => Enumerable.Repeat(c * 3, 1 + rng.NextInt(20)))
                .ToArray();
            rng.Shuffle(labels.AsSpan());
            int m = 1 + rng.NextInt(4);
            int batch = m * (1 + rng.NextInt(classes));
            int length = batch + rng.NextInt(300);
            var sampler = new MPerClassSampler(labels, m, batch, length, (ulong)trial);
            var batches = sampler.Batches(trial % 3).ToList();
            Assert.Equal(length / batch, batches.Count);
            Assert.Equal(length / batch, sampler.BatchesPerEpoch);
            foreach (var b in batches)
            {
                Assert.Equal(batch, b.Length);
                var groups = b.GroupBy(r => labels[r]).ToList();
                Assert.Equal(batch / m, groups.Count);
                Assert.All(groups, g => Assert.Equal(m, g.Count()));
                Assert.All(groups.Where(g => labels.Count(y => y == g.Key) >= m),
                    g => Assert.Equal(m, g.Distinct().Count()));
            }
        }
    }

    [Fact]
    public void NoDuplicates_Invariants_OverRandomConfigurations()
    {
        var rng = new Core.Rng(77);
        for (int trial = 0; trial < 30; trial++)
        {
            int rows = 1 + rng.NextInt(200);
            int vocabulary = 2 + rng.NextInt(300);
            int width = 2 + rng.NextInt(3);
            var groups = Enumerable.Range(0, rows)
                .Select(_ => Enumerable.Range(0, width).Select(_ => rng.NextInt(vocabulary)).ToArray()).ToArray();
            int batch = 1 + rng.NextInt(32);
            bool dropLast = rng.NextInt(2) == 1;
            var batches = new NoDuplicatesSampler(groups, batch, dropLast, (ulong)trial).Batches(trial).ToList();
            var seen = new HashSet<int>();
            foreach (var b in batches)
            {
                Assert.InRange(b.Length, 1, batch);
                Assert.True(!dropLast || b.Length == batch);
                var ids = b.SelectMany(r => groups[r].Distinct()).ToList();
                Assert.Equal(ids.Count, ids.Distinct().Count());
                Assert.All(b, r => Assert.True(seen.Add(r), $"row {r} twice in an epoch"));
            }

            if (!dropLast)
            {
                Assert.Equal(rows, seen.Count);
            }
        }
    }
}
