namespace Tango.Mining.Tests;

/// <summary>The query-level filters on a 10-row corpus whose scores are exact in binary (multiples of 1/16).</summary>
public class ScoreFilterTests
{
    // Query 0: row → score; row 3 is the positive (0.75).
    private static readonly float[][] One =
        [[0.9375f, 0.875f, 0.8125f, 0.75f, 0.625f, 0.5f, 0.4375f, 0.375f, 0.25f, 0.125f]];

    private static MinedRow Single(HardNegativeMiningOptions options, int[]? positives = null)
    {
        var result = Hand.Mine(One, [positives ?? [3]], options);
        return Assert.Single(result.Rows);
    }

    [Fact]
    public void NoFilter_TakesHardestNonPositives()
    {
        var result = Hand.Mine(One, [[3]], new() { NumNegatives = 2, RangeMax = 5 });
        var row = Assert.Single(result.Rows);
        Assert.Equal([0, 1], row.Negatives);
        Assert.Equal([0.9375f, 0.875f], row.NegativeScores);
        Assert.Equal(0.75f, row.PositiveScore);
        Assert.Equal(6, result.Counts.Retrieved); // RangeMax + 1 positive
        Assert.Equal(1, result.Counts.Positives);
    }

    [Fact]
    public void Margin_DropsCandidatesWithinMarginOfPositive()
    {
        // score + 0.0625 > 0.75 ⇔ score > 0.6875: rows 0, 1, 2.
        var result = Hand.Mine(One, [[3]], new() { NumNegatives = 2, RangeMax = 5, Margin = 0.0625f });
        Assert.Equal([4, 5], result.Rows[0].Negatives);
        Assert.Equal(3, result.Counts.Margin);
    }

    [Fact]
    public void RelativeMargin_DropsAboveFractionOfPositive()
    {
        // score > 0.75 × 0.75 = 0.5625: rows 0, 1, 2, 4; the pool (rows 0..5) leaves only row 5.
        var result = Hand.Mine(One, [[3]], new() { NumNegatives = 2, RangeMax = 5, RelativeMargin = 0.25f });
        Assert.Equal([5], result.Rows[0].Negatives);
        Assert.Equal(4, result.Counts.RelativeMargin);
        Assert.Equal(1, result.PairsShort);
        Assert.Equal(0, result.PairsWithoutNegatives);
    }

    [Fact]
    public void RankWindow_SkipsRangeMinSurvivors()
    {
        var result = Hand.Mine(One, [[3]], new() { NumNegatives = 2, RangeMin = 2, RangeMax = 5 });
        Assert.Equal([2, 4], result.Rows[0].Negatives);
        Assert.Equal(2, result.Counts.OutsideWindow);
    }

    [Fact]
    public void RankWindow_CountsRanksAfterTheFilters()
    {
        // sentence-transformers ranks what the filters left: max score drops rows 0, 1; the window then skips
        // the best survivor (row 2).
        var row = Single(new() { NumNegatives = 2, RangeMin = 1, RangeMax = 5, MaxScore = 0.85f });
        Assert.Equal([4, 5], row.Negatives);
    }

    [Fact]
    public void MaxScore_And_MinScore()
    {
        Assert.Equal([2, 4], Single(new() { NumNegatives = 2, RangeMax = 5, MaxScore = 0.85f }).Negatives);
        var low = Hand.Mine(One, [[3]], new() { NumNegatives = 5, RangeMax = 8, MinScore = 0.6f });
        Assert.Equal([0, 1, 2, 4], low.Rows[0].Negatives);
        Assert.Equal(4, low.Counts.MinScore); // rows 5..8 of the 9-row pool
    }

    [Fact]
    public void RangeMax_BoundsTheWindow()
    {
        // Pool = rows 0..4, minus the positive: 4 candidates although 10 are asked.
        Assert.Equal([0, 1, 2, 4], Single(new() { NumNegatives = 10, RangeMax = 4 }).Negatives);
    }

    [Fact]
    public void DefaultRangeMax_FollowsSentenceTransformersRule()
    {
        Assert.Equal(3, new HardNegativeMiningOptions().EffectiveRangeMax);
        Assert.Equal(32, new HardNegativeMiningOptions { RangeMin = 2, Margin = 0f }.EffectiveRangeMax);
    }

    [Fact]
    public void Ties_AreBrokenById()
    {
        // Rows 0, 2, 3, 5 tie at 0.5; the pool of RangeMax + 1 = 5 takes the smaller ids first.
        float[][] scores = [[0.5f, 0.75f, 0.5f, 0.5f, 0.25f, 0.5f]];
        var top = Hand.Mine(scores, [[1]], new() { NumNegatives = 2, RangeMax = 4 });
        Assert.Equal([0, 2], top.Rows[0].Negatives);
        var skipped = Hand.Mine(scores, [[1]], new() { NumNegatives = 2, RangeMin = 1, RangeMax = 4 });
        Assert.Equal([2, 3], skipped.Rows[0].Negatives);
        var all = Hand.Mine(scores, [[1]], new() { NumNegatives = 5, RangeMax = 5 });
        Assert.Equal([0, 2, 3, 5, 4], all.Rows[0].Negatives);
    }
}
