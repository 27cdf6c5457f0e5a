using Tango.Core;

namespace Tango.Mining;

/// <summary>
/// Filters and samples the candidates of one query (the steps of docs/mining.md, in order):
/// rescore → sort (score desc, id asc) → drop known positives → margin → relative margin → max score →
/// min score (all against the query's lowest positive score, as sentence-transformers does) → then per positive:
/// guide filter → false-negative fraction → rank window [RangeMin, RangeMax) over what survived → sample.
/// </summary>
internal sealed class QueryMiner
{
    private readonly HardNegativeMiningOptions _options;
    private readonly PairScorer _scorer;
    private readonly PairScorer? _guide;
    private readonly int _rangeMax;

    public QueryMiner(HardNegativeMiningOptions options, PairScorer scorer, PairScorer? guide)
    {
        _options = options;
        _scorer = scorer;
        _guide = guide;
        _rangeMax = options.EffectiveRangeMax;
    }

    // retrieved: the index's ids for this query, best first (−1 pads); positives: distinct, in given order.
    public MinedRow[] Mine(int query, ReadOnlySpan<int> retrieved, int[] positives, MiningFilterCounts counts)
    {
        var sortedPositives = (int[])positives.Clone();
        Array.Sort(sortedPositives);
        float scale = _scorer.QueryScale(query);
        var (ids, scores) = Candidates(query, scale, retrieved, _rangeMax + positives.Length);
        counts.Retrieved += ids.Length;

        var positiveScores = new float[positives.Length];
        for (int j = 0; j < positives.Length; j++)
        {
            positiveScores[j] = _scorer.Score(query, scale, positives[j]);
        }

        var survivors = QueryLevel(ids, scores, sortedPositives, positiveScores.Min(), counts);
        float[]? guideScores = null, guidePositive = null;
        if (_guide is not null)
        {
            float gScale = _guide.QueryScale(query);
            guideScores = [.. survivors.Select(i => _guide.Score(query, gScale, ids[i]))];
            guidePositive = [.. positives.Select(p => _guide.Score(query, gScale, p))];
        }

        var rows = new MinedRow[positives.Length];
        for (int j = 0; j < positives.Length; j++)
        {
            var kept = PairLevel(survivors, scores, positiveScores[j], guideScores, guidePositive?[j], counts);
            var chosen = Choose(kept, query, j, counts);
            rows[j] = new MinedRow(query, positives[j], positiveScores[j],
                [.. chosen.Select(i => ids[i])], [.. chosen.Select(i => scores[i])]);
        }

        return rows;
    }

    // The first `pool` valid ids, rescored and sorted by (score desc, id asc).
    private (int[] Ids, float[] Scores) Candidates(int query, float scale, ReadOnlySpan<int> retrieved, int pool)
    {
        var ids = new List<int>(Math.Min(pool, retrieved.Length));
        for (int i = 0; i < retrieved.Length && ids.Count < pool; i++)
        {
            if (retrieved[i] >= 0)
            {
                ids.Add(retrieved[i]);
            }
        }

        var pairs = ids.Select(id => (Id: id, Score: _scorer.Score(query, scale, id))).ToArray();
        Array.Sort(pairs, static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Id.CompareTo(b.Id));
        return ([.. pairs.Select(p => p.Id)], [.. pairs.Select(p => p.Score)]);
    }

    // Positions (into ids) that pass the query-level filters, best first.
    private List<int> QueryLevel(int[] ids, float[] scores, int[] sortedPositives, float minPositive,
        MiningFilterCounts counts)
    {
        var o = _options;
        var survivors = new List<int>(ids.Length);
        for (int i = 0; i < ids.Length; i++)
        {
            float s = scores[i];
            if (Array.BinarySearch(sortedPositives, ids[i]) >= 0)
            {
                counts.Positives++;
            }
            else if (o.Margin is float m && s + m > minPositive)
            {
                counts.Margin++;
            }
            else if (o.RelativeMargin is float r && s > minPositive * (1f - r))
            {
                counts.RelativeMargin++;
            }
            else if (o.MaxScore is float max && s > max)
            {
                counts.MaxScore++;
            }
            else if (o.MinScore is float min && s < min)
            {
                counts.MinScore++;
            }
            else
            {
                survivors.Add(i);
            }
        }

        return survivors;
    }

    // Survivors kept for one pair: guide score ≤ guide positive − margin, score ≤ fraction × positive score.
    private List<int> PairLevel(List<int> survivors, float[] scores, float positiveScore, float[]? guideScores,
        float? guidePositive, MiningFilterCounts counts)
    {
        float? fraction = _options.FalseNegativeFraction;
        var kept = new List<int>(survivors.Count);
        for (int t = 0; t < survivors.Count; t++)
        {
            int i = survivors[t];
            if (guideScores is not null && guideScores[t] > guidePositive!.Value - _options.GuideMargin)
            {
                counts.Guide++;
            }
            else if (fraction is float f && scores[i] > f * positiveScore)
            {
                counts.FalseNegative++;
            }
            else
            {
                kept.Add(i);
            }
        }

        return kept;
    }

    // The rank window over the pair's survivors, then the sample, best first.
    private List<int> Choose(List<int> kept, int query, int positiveSlot, MiningFilterCounts counts)
    {
        int start = Math.Min(_options.RangeMin, kept.Count), end = Math.Min(_rangeMax, kept.Count);
        counts.OutsideWindow += kept.Count - (end - start);
        int n = Math.Min(_options.NumNegatives, end - start);
        if (_options.Sampling == NegativeSampling.Top || n == end - start)
        {
            return kept.GetRange(start, n);
        }

        // Partial Fisher–Yates over window positions; sorting them back restores best-first order.
        var positions = Enumerable.Range(start, end - start).ToArray();
        var rng = new Rng(StreamSeed(_options.Seed, query, positiveSlot));
        for (int i = 0; i < n; i++)
        {
            int pick = i + rng.NextInt(positions.Length - i);
            (positions[i], positions[pick]) = (positions[pick], positions[i]);
        }

        Array.Sort(positions, 0, n);
        return [.. positions.Take(n).Select(p => kept[p])];
    }

    // SplitMix64 of (mixed seed, query, slot): each pair's stream depends on nothing else (not blocks, threads).
    internal static ulong StreamSeed(ulong seed, int query, int slot) =>
        Mix(Mix(seed) ^ (((ulong)(uint)query << 20) | (uint)slot));

    private static ulong Mix(ulong z)
    {
        z = unchecked(z + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
