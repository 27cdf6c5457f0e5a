namespace Tango.Search;

/// <summary>
/// The k nearest neighbours of each query, best first: <see cref="Ids"/> and <see cref="Scores"/> are
/// (queries, k) row-major. Scores are distances for <see cref="MetricKind.SquaredL2"/>/<see cref="MetricKind.L2"/>
/// (ascending) and similarities otherwise (descending); equal scores are ordered by id. Where fewer than k
/// candidates exist, the row is padded with id −1 and the metric's worst score (+∞ or −∞), as faiss does.
/// </summary>
public sealed class KnnResult
{
    /// <summary>Wraps the arrays (not copied); both must hold queries × k elements.</summary>
    public KnnResult(int queryCount, int k, MetricKind metric, int[] ids, float[] scores)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentOutOfRangeException.ThrowIfNegative(queryCount);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (ids.Length != (long)queryCount * k || scores.Length != ids.Length)
        {
            throw new ArgumentException(
                $"KnnResult: {queryCount} queries × k = {k} need {(long)queryCount * k} ids and scores; " +
                $"got {ids.Length} and {scores.Length}.");
        }

        QueryCount = queryCount;
        K = k;
        Metric = metric;
        Ids = ids;
        Scores = scores;
    }

    /// <summary>The number of queries (rows).</summary>
    public int QueryCount { get; }

    /// <summary>Neighbours per query (columns).</summary>
    public int K { get; }

    /// <summary>The metric the scores are in.</summary>
    public MetricKind Metric { get; }

    /// <summary>Neighbour ids, (queries, k) row-major; −1 pads missing neighbours.</summary>
    public int[] Ids { get; }

    /// <summary>Neighbour scores, (queries, k) row-major, best first.</summary>
    public float[] Scores { get; }

    /// <summary>The ids of query <paramref name="query"/>'s neighbours, best first.</summary>
    public ReadOnlySpan<int> IdsOf(int query) => Ids.AsSpan(Row(query), K);

    /// <summary>The scores of query <paramref name="query"/>'s neighbours, best first.</summary>
    public ReadOnlySpan<float> ScoresOf(int query) => Scores.AsSpan(Row(query), K);

    private int Row(int query)
    {
        if ((uint)query >= (uint)QueryCount)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query, $"The result holds {QueryCount} queries.");
        }

        return query * K;
    }
}
