namespace Tango.Mining.Tests;

/// <summary>Queries with several positives: every positive is excluded, margins use the query's own weakest.</summary>
public class PositivesTests
{
    private static readonly float[] Scores =
        [0.9375f, 0.875f, 0.8125f, 0.75f, 0.625f, 0.5f, 0.4375f, 0.375f, 0.25f, 0.125f];

    [Fact]
    public void TwoPositives_BothExcluded_MarginAgainstTheWeaker()
    {
        // Positives rows 1 (0.875) and 5 (0.5). Pool = 6 + 2 rows: 0..7; margin 0 drops score > 0.5.
        var result = Hand.Mine([Scores], [[1, 5]], new() { NumNegatives = 3, RangeMax = 6, Margin = 0f });
        Assert.Equal(2, result.Rows.Count);
        Assert.Equal([1, 5], result.Rows.Select(r => r.Positive));
        Assert.All(result.Rows, r => Assert.Equal([6, 7], r.Negatives));
        Assert.Equal(2, result.Counts.Positives);
        Assert.Equal(4, result.Counts.Margin);
    }

    [Fact]
    public void TwoPositives_FalseNegativeFraction_IsPerPair()
    {
        // Pair (q, row 1 @ 0.875): drop score > 0.7875 → rows 0, 2.
        // Pair (q, row 5 @ 0.5): drop > 0.45 → rows 0, 2, 3, 4.
        var result = Hand.Mine([Scores], [[1, 5]],
            new() { NumNegatives = 3, RangeMax = 6, FalseNegativeFraction = 0.9f });
        Assert.Equal([3, 4, 6], result.Rows[0].Negatives);
        Assert.Equal([6, 7], result.Rows[1].Negatives);
        Assert.Equal(6, result.Counts.FalseNegative);
    }

    [Fact]
    public void FivePositives_AllExcluded_RowsInGivenOrder()
    {
        // Pool = 3 + 5 = 8 rows (0..7); positives 0, 2, 4, 6 in it, 8 outside.
        var result = Hand.Mine([Scores], [[8, 0, 4, 2, 6]], new() { NumNegatives = 3, RangeMax = 3 });
        Assert.Equal([8, 0, 4, 2, 6], result.Rows.Select(r => r.Positive));
        Assert.Equal([0.25f, 0.9375f, 0.625f, 0.8125f, 0.4375f], result.Rows.Select(r => r.PositiveScore));
        Assert.All(result.Rows, r => Assert.Equal([1, 3, 5], r.Negatives));
        Assert.Equal(4, result.Counts.Positives);
    }

    [Fact]
    public void FivePositives_NoCandidateLeft_GivesEmptyRows()
    {
        // The weakest positive scores 0.25; margin 0 removes every non-positive of the pool (all score more).
        var result = Hand.Mine([Scores], [[8, 0, 4, 2, 6]], new() { NumNegatives = 3, RangeMax = 3, Margin = 0f });
        Assert.Equal(5, result.Rows.Count);
        Assert.All(result.Rows, r => Assert.Empty(r.Negatives));
        Assert.Equal(5, result.PairsWithoutNegatives);
        Assert.Equal(4, result.Counts.Margin);
    }

    [Fact]
    public void DuplicatePositiveIds_AreOneRow_QueriesWithoutPositivesSkipped()
    {
        var result = Hand.Mine([Scores, Scores], [[3, 3], []], new() { NumNegatives = 1, RangeMax = 3 });
        var row = Assert.Single(result.Rows);
        Assert.Equal(3, row.Positive);
        Assert.Equal(1, result.QueriesMined);
        Assert.Equal(1, result.QueriesWithoutPositives);
    }

    /// <summary>
    /// sentence-transformers 5.2 walks the flattened positive scores with <c>start += n_positives[q − 1]</c>, so
    /// with counts [1, 3, 1] query 2 reads query 1's second positive. Here that one scores 0.125 for query 1; query 2's
    /// own positive scores 0.875. With margin 0 the buggy minimum would remove every candidate of query 2.
    /// </summary>
    [Fact]
    public void DifferentPositiveCounts_EachQueryUsesItsOwnPositives()
    {
        float[][] scores =
        [
            [0.9375f, 0.5f, 0.5f, 0.5f, 0.5f, 0.4375f, 0.375f, 0.25f, 0.125f, 0.0625f],
            [0.25f, 0.75f, 0.125f, 0.625f, 0.5f, 0.4375f, 0.375f, 0.25f, 0.8125f, 0.0625f],
            [0.25f, 0.25f, 0.25f, 0.25f, 0.875f, 0.8125f, 0.75f, 0.625f, 0.5f, 0.375f],
        ];
        int[][] positives = [[0], [1, 2, 3], [4]];
        var options = new HardNegativeMiningOptions { NumNegatives = 3, RangeMax = 5, Margin = 0f };
        var result = Hand.Mine(scores, positives, options);

        // What the reference's walk reads as each query's weakest positive.
        float[] flat = [.. positives.SelectMany((p, q) => p.Select(j => scores[q][j]))];
        var buggy = new float[3];
        for (int q = 0, start = 0; q < 3; q++)
        {
            buggy[q] = flat.Skip(start).Take(positives[q].Length).Min();
            start += positives[(q + 2) % 3].Length; // n_positives[q − 1], Python's [-1] for q = 0
        }

        Assert.Equal(0.125f, buggy[2]); // the bug's value: query 1's positive, so the test can tell them apart
        var q2 = result.Rows.Single(r => r.Query == 2);
        Assert.Equal([5, 6, 7], q2.Negatives);

        // And each query mined alone gives the same rows: nothing leaks between queries.
        for (int q = 0; q < 3; q++)
        {
            var alone = Hand.Mine(scores, [.. positives.Select((p, i) => i == q ? p : [])], options);
            Assert.Equal(alone.Rows.Select(r => (r.Positive, string.Join(",", r.Negatives))),
                result.Rows.Where(r => r.Query == q).Select(r => (r.Positive, string.Join(",", r.Negatives))));
        }

        // Query 1: weakest positive 0.125; its pool of 5 + 3 rows holds nothing scoring ≤ 0.125.
        Assert.All(result.Rows.Where(r => r.Query == 1), r => Assert.Empty(r.Negatives));
        Assert.Equal([1, 2, 3], result.Rows.Single(r => r.Query == 0).Negatives);
    }
}
