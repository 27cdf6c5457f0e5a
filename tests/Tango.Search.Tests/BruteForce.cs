using Tango.Core;

namespace Tango.Search.Tests;

/// <summary>The oracle: every query against every corpus vector in double, then a full sort.</summary>
internal static class BruteForce
{
    public static double Score(MetricKind metric, ReadOnlySpan<float> q, ReadOnlySpan<float> x)
    {
        double dot = 0, qq = 0, xx = 0, d2 = 0;
        for (int i = 0; i < q.Length; i++)
        {
            dot += (double)q[i] * x[i];
            qq += (double)q[i] * q[i];
            xx += (double)x[i] * x[i];
            d2 += ((double)q[i] - x[i]) * ((double)q[i] - x[i]);
        }

        return metric switch
        {
            MetricKind.InnerProduct => dot,
            MetricKind.Cosine => dot / Math.Max(Math.Sqrt(qq), 1e-12) / Math.Max(Math.Sqrt(xx), 1e-12),
            MetricKind.SquaredL2 => d2,
            _ => Math.Sqrt(d2),
        };
    }

    // -> for each query, (id, score) of all candidates best first (ties by id)
    public static (int Id, double Score)[][] Rank(MetricKind metric, float[] corpus, float[] queries, int d,
        bool excludeSelf = false)
    {
        int n = corpus.Length / d, m = queries.Length / d;
        var result = new (int, double)[m][];
        for (int i = 0; i < m; i++)
        {
            var all = new List<(int Id, double Score)>();
            for (int j = 0; j < n; j++)
            {
                if (!(excludeSelf && i == j))
                {
                    all.Add((j, Score(metric, queries.AsSpan(i * d, d), corpus.AsSpan(j * d, d))));
                }
            }

            result[i] = metric.IsSimilarity()
                ? [.. all.OrderByDescending(p => p.Score).ThenBy(p => p.Id)]
                : [.. all.OrderBy(p => p.Score).ThenBy(p => p.Id)];
        }

        return result;
    }

    /// <summary>
    /// Asserts the result is a correct top-k up to float rounding: row i's t-th score is within tol of the exact
    /// t-th best, each returned id's exact score is within tol of that too (so near-ties may swap), ids are
    /// distinct, and padding (−1) appears only where fewer than k candidates exist.
    /// </summary>
    public static void AssertMatches(KnnResult r, (int Id, double Score)[][] expected, double tol)
    {
        for (int i = 0; i < r.QueryCount; i++)
        {
            var ids = r.IdsOf(i);
            var scores = r.ScoresOf(i);
            var exact = expected[i].ToDictionary(p => p.Id, p => p.Score);
            for (int t = 0; t < r.K; t++)
            {
                if (t >= expected[i].Length)
                {
                    Assert.Equal(-1, ids[t]);
                    Assert.Equal(r.Metric.WorstScore(), scores[t]);
                    continue;
                }

                double want = expected[i][t].Score;
                double bound = tol * Math.Max(1, Math.Abs(want));
                Assert.True(Math.Abs(scores[t] - want) <= bound, $"query {i} rank {t}: score {scores[t]} vs {want}");
                Assert.True(exact.TryGetValue(ids[t], out double got), $"query {i} rank {t}: id {ids[t]} invalid");
                Assert.True(Math.Abs(got - want) <= bound, $"query {i} rank {t}: id {ids[t]} scores {got}, not {want}");
            }

            Assert.Equal(ids.Length, ids.ToArray().Distinct().Count());
        }
    }

    public static float[] Normal(ulong seed, int n)
    {
        var rng = new Rng(seed);
        var x = new float[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = rng.NextNormal();
        }

        return x;
    }
}
