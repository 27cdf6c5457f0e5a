using Tango.Core;
using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis;

/// <summary>
/// Weak supervision generated from class labels, with an explicit seed (metric-learn's <c>Constraints</c>).
/// Labels below 0 mean "unknown" and those rows are never used. The random streams are Tango's own
/// (<see cref="Rng"/>), so the same seed gives the same constraints on every platform, but not numpy's.
/// </summary>
public static class Constraints
{
    private const int PairRounds = 10;

    /// <summary>
    /// Random similar pairs (same label, distinct rows) then dissimilar pairs (different labels), up to
    /// <paramref name="count"/> of each without repeats; labelled +1 and -1. Like metric-learn, sampling stops
    /// after 10 rounds, so fewer pairs come back when the labels do not allow that many distinct ones. With
    /// <paramref name="sameLength"/> both kinds are truncated to the shorter count.
    /// </summary>
    public static Pairs PositiveNegativePairs(int[] labels, int count, ulong seed, bool sameLength = false)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var rng = new Rng(seed);
        var (a, b) = SamplePairs(labels, count, sameLabel: true, rng);
        var (c, d) = SamplePairs(labels, count, sameLabel: false, rng);
        if (sameLength)
        {
            int m = Math.Min(a.Count, c.Count);
            a = a[..m];
            b = b[..m];
            c = c[..m];
            d = d[..m];
        }

        var labelsOut = new int[a.Count + c.Count];
        labelsOut.AsSpan(0, a.Count).Fill(1);
        labelsOut.AsSpan(a.Count).Fill(-1);
        return new Pairs([.. a, .. c], [.. b, .. d], labelsOut);
    }

    /// <summary>
    /// Quadruplets (a, b, c, d) where (a, b) is a random similar pair and (c, d) a random dissimilar pair, as
    /// metric-learn's LSML_Supervised builds them (same-length positive and negative pairs, zipped).
    /// </summary>
    public static Quadruplets Quadruplets(int[] labels, int count, ulong seed)
    {
        var pairs = PositiveNegativePairs(labels, count, seed, sameLength: true);
        int m = pairs.Count / 2;
        var first = pairs.FirstSpan;
        var second = pairs.SecondSpan;
        return new Quadruplets(first[..m].ToArray(), second[..m].ToArray(), first[m..].ToArray(),
            second[m..].ToArray());
    }

    /// <summary>
    /// Random triplets: a random anchor with a known label, a random other row of its class as positive and a
    /// random row of another class as negative. Anchors whose class has one member are redrawn.
    /// </summary>
    public static Triplets RandomTriplets(int[] labels, int count, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var known = KnownRows(labels);
        var byClass = known.GroupBy(i => labels[i]).ToDictionary(g => g.Key, g => g.ToArray());
        var anchors = known.Where(i => byClass[labels[i]].Length > 1).ToArray();
        if (count > 0 && (anchors.Length == 0 || byClass.Count < 2))
        {
            throw new ArgumentException(
                "Constraints.RandomTriplets: need at least two classes and one class with two or more members.",
                nameof(labels));
        }

        var rng = new Rng(seed);
        var (ta, tp, tn) = (new int[count], new int[count], new int[count]);
        for (int t = 0; t < count; t++)
        {
            int a = anchors[rng.NextInt(anchors.Length)];
            var same = byClass[labels[a]];
            int p;
            do
            {
                p = same[rng.NextInt(same.Length)];
            }
            while (p == a);

            int q;
            do
            {
                q = known[rng.NextInt(known.Length)];
            }
            while (labels[q] == labels[a]);

            (ta[t], tp[t], tn[t]) = (a, p, q);
        }

        return new Triplets(ta, tp, tn);
    }

    /// <summary>
    /// Chunklets of <paramref name="chunkSize"/> rows of the same class, <paramref name="chunkCount"/> of them,
    /// drawn without replacement. Fails with a message saying how many chunks the labels allow when there are
    /// too few points. Unlike metric-learn (whose draw never picks the last class while two or more remain), every
    /// class with enough remaining rows is equally likely.
    /// </summary>
    public static Chunks Chunks(int[] labels, int chunkCount, int chunkSize, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegative(chunkCount);
        if (chunkSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(chunkSize), $"chunkSize = {chunkSize} must be ≥ 1.");
        }

        var pools = KnownRows(labels).GroupBy(i => labels[i]).OrderBy(g => g.Key)
            .Select(g => g.ToList()).ToList();
        int possible = pools.Sum(p => p.Count / chunkSize);
        if (possible < chunkCount)
        {
            throw new ArgumentException(
                $"Not enough points for {chunkCount} chunks of {chunkSize} same-class points: the labels allow at " +
                $"most {possible}. Reduce the chunk count to ≤ {possible} or the chunk size, or label more points.",
                nameof(chunkCount));
        }

        var rng = new Rng(seed);
        var assignment = new int[labels.Length];
        Array.Fill(assignment, -1);
        for (int chunk = 0; chunk < chunkCount; chunk++)
        {
            pools.RemoveAll(p => p.Count < chunkSize);
            var pool = pools[rng.NextInt(pools.Count)];
            for (int s = 0; s < chunkSize; s++)
            {
                int pick = rng.NextInt(pool.Count);
                assignment[pool[pick]] = chunk;
                pool[pick] = pool[^1];
                pool.RemoveAt(pool.Count - 1);
            }
        }

        return new Chunks(assignment);
    }

    /// <summary>
    /// Triplets from nearest neighbours (metric-learn's <c>generate_knntriplets</c>, used by SCML): for each
    /// labelled row a, its <paramref name="kGenuine"/> nearest same-class rows g and its
    /// <paramref name="kImpostor"/> nearest other-class rows i, all (a, g, i) combinations in that order.
    /// Neighbours are by Euclidean distance, ties broken by the lower row index; k values larger than a class
    /// allows are reduced to what it allows.
    /// </summary>
    public static Triplets KnnTriplets(double[,] x, int[] labels, int kGenuine = 3, int kImpostor = 10)
    {
        var flat = Input.Features(x, nameof(KnnTriplets), 1);
        int n = x.GetLength(0), d = x.GetLength(1);
        Input.Labels(labels, n, nameof(KnnTriplets));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kGenuine);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kImpostor);
        return KnnTripletBuilder.Build(flat, n, d, labels, kGenuine, kImpostor);
    }

    internal static int[] KnownRows(int[] labels) =>
        Enumerable.Range(0, labels.Length).Where(i => labels[i] >= 0).ToArray();

    // metric-learn's _pairs: rounds of random anchors, each with a random partner of the same (or another)
    // label, kept if new, until `count` distinct ordered pairs or 10 rounds.
    private static (List<int> A, List<int> B) SamplePairs(int[] labels, int count, bool sameLabel, Rng rng)
    {
        var known = KnownRows(labels);
        var seen = new HashSet<(int, int)>();
        var (a, b) = (new List<int>(count), new List<int>(count));
        var candidates = new List<int>();
        for (int round = 0; round < PairRounds && a.Count < count && known.Length > 0; round++)
        {
            int draws = count - a.Count;
            for (int t = 0; t < draws; t++)
            {
                int i = rng.NextInt(known.Length);
                candidates.Clear();
                for (int j = 0; j < known.Length; j++)
                {
                    bool same = labels[known[j]] == labels[known[i]];
                    if (sameLabel ? same && j != i : !same)
                    {
                        candidates.Add(j);
                    }
                }

                if (candidates.Count > 0 && a.Count < count)
                {
                    int j = candidates[rng.NextInt(candidates.Count)];
                    if (seen.Add((i, j)))
                    {
                        a.Add(known[i]);
                        b.Add(known[j]);
                    }
                }
            }
        }

        return (a, b);
    }
}
