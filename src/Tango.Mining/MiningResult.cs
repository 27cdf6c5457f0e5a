namespace Tango.Mining;

/// <summary>What <see cref="HardNegativeMiner"/> found: one row per (query, positive) pair, in query order and
/// then in the order the positives were given, with the per-filter counts.</summary>
public sealed class MiningResult
{
    internal MiningResult(IReadOnlyList<MinedRow> rows, MiningFilterCounts counts, int queriesMined,
        int queriesWithoutPositives, int numNegatives)
    {
        Rows = rows;
        Counts = counts;
        QueriesMined = queriesMined;
        QueriesWithoutPositives = queriesWithoutPositives;
        NumNegatives = numNegatives;
    }

    /// <summary>The (query, positive) pairs with their negatives.</summary>
    public IReadOnlyList<MinedRow> Rows { get; }

    /// <summary>How many candidates each filter removed.</summary>
    public MiningFilterCounts Counts { get; }

    /// <summary>Queries that had at least one positive and were searched.</summary>
    public int QueriesMined { get; }

    /// <summary>Queries skipped because no positive was given for them.</summary>
    public int QueriesWithoutPositives { get; }

    /// <summary>The negatives asked per pair.</summary>
    public int NumNegatives { get; }

    /// <summary>Pairs left with no negative at all.</summary>
    public int PairsWithoutNegatives => Rows.Count(r => r.Negatives.Length == 0);

    /// <summary>Pairs with fewer negatives than asked (including none).</summary>
    public int PairsShort => Rows.Count(r => r.Negatives.Length < NumNegatives);

    /// <summary>The score of every pair's positive.</summary>
    public float[] PositiveScores() => [.. Rows.Select(r => r.PositiveScore)];

    /// <summary>The score of every chosen negative.</summary>
    public float[] NegativeScores() => [.. Rows.SelectMany(r => r.NegativeScores)];
}
