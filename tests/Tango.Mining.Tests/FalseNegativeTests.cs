using Tango.Search;

namespace Tango.Mining.Tests;

/// <summary>Duplicates of positives and the guide-model filter.</summary>
public class FalseNegativeTests
{
    // 20 random rows of dimension 8; row 7 is an exact copy of the positive, row 3; the query is row 3 plus noise.
    private static (VectorRows Q, VectorRows C, FlatIndex Index) WithDuplicate()
    {
        var c = Hand.Random(20, 8, 5);
        c.AsSpan(3 * 8, 8).CopyTo(c.AsSpan(7 * 8, 8));
        var noise = Hand.Random(1, 8, 6);
        var q = c.AsSpan(3 * 8, 8).ToArray();
        for (int i = 0; i < 8; i++)
        {
            q[i] += 0.05f * noise[i];
        }

        var corpus = VectorRows.FromArray(c, 20, 8);
        return (VectorRows.FromArray(q, 1, 8), corpus, CandidateIndexes.Flat(corpus, MetricKind.Cosine));
    }

    private static MinedRow MineDuplicate(HardNegativeMiningOptions options, int[] positives)
    {
        var (q, c, index) = WithDuplicate();
        return new HardNegativeMiner(options).Mine(q, c, index, [positives]).Rows[0];
    }

    [Fact]
    public void DuplicateOfPositive_ScoresExactlyAsThePositive_AndIsTheHardestUnfiltered()
    {
        var row = MineDuplicate(new() { NumNegatives = 3, RangeMax = 10 }, [3]);
        Assert.Equal(7, row.Negatives[0]);
        Assert.Equal(row.PositiveScore, row.NegativeScores[0]); // same bits: one dot kernel for every pair
        Assert.True(row.PositiveScore > 0.9f);
    }

    [Fact]
    public void DuplicateOfPositive_KeptByMarginZero_DroppedByRelativeMarginAndFalseNegativeFraction()
    {
        // sentence-transformers drops score + margin > positive: an equal score survives margin 0.
        Assert.Equal(7, MineDuplicate(new() { NumNegatives = 3, RangeMax = 10, Margin = 0f }, [3]).Negatives[0]);
        Assert.DoesNotContain(7,
            MineDuplicate(new() { NumNegatives = 3, RangeMax = 10, RelativeMargin = 1e-3f }, [3]).Negatives);
        Assert.DoesNotContain(7,
            MineDuplicate(new() { NumNegatives = 3, RangeMax = 10, FalseNegativeFraction = 0.999f }, [3]).Negatives);
    }

    [Fact]
    public void DuplicateListedAsPositive_IsExcluded_AndGetsItsOwnRow()
    {
        var (q, c, index) = WithDuplicate();
        var result = new HardNegativeMiner(new() { NumNegatives = 3, RangeMax = 10 }).Mine(q, c, index, [[3, 7]]);
        Assert.Equal(2, result.Rows.Count);
        Assert.Equal(result.Rows[0].PositiveScore, result.Rows[1].PositiveScore);
        Assert.All(result.Rows, r => Assert.DoesNotContain(3, r.Negatives));
        Assert.All(result.Rows, r => Assert.DoesNotContain(7, r.Negatives));
        Assert.Equal(2, result.Counts.Positives);
    }

    [Fact]
    public void Guide_DropsCandidatesItScoresAboveThePositive()
    {
        // Main model: rows 0, 1, 2 hardest. Guide (one-hot, exact): row 0 scores 0.9 > the positive's 0.8, row 1
        // scores 0.78125 (kept with margin 0, dropped with margin 0.0625), row 2 scores 0.5.
        float[][] main = [[0.9375f, 0.875f, 0.8125f, 0.75f, 0.625f, 0.5f]];
        float[][] guideScores = [[0.875f, 0.78125f, 0.5f, 0.8125f, 0.25f, 0.25f]];
        var (q, c, index) = Hand.Build(main);
        var (gq, gc, _) = Hand.Build(guideScores);
        var guide = new GuideEmbeddings(gq, gc, MetricKind.InnerProduct);
        var plain = new HardNegativeMiner(new() { NumNegatives = 2, RangeMax = 5 }).Mine(q, c, index, [[3]], guide);
        Assert.Equal([1, 2], plain.Rows[0].Negatives);
        Assert.Equal(1, plain.Counts.Guide);
        var margin = new HardNegativeMiner(new() { NumNegatives = 2, RangeMax = 5, GuideMargin = 0.0625f })
            .Mine(q, c, index, [[3]], guide);
        Assert.Equal([2, 4], margin.Rows[0].Negatives);
        Assert.Equal(2, margin.Counts.Guide);
    }

    [Fact]
    public void Guide_IsPerPair()
    {
        // Two positives: rows 3 (guide 0.8125) and 5 (guide 0.25). Row 2 (guide 0.5) passes for the first pair
        // and is dropped for the second.
        float[][] main = [[0.9375f, 0.875f, 0.8125f, 0.75f, 0.625f, 0.5f, 0.25f]];
        float[][] guideScores = [[0.875f, 0.75f, 0.5f, 0.8125f, 0.125f, 0.25f, 0.0625f]];
        var (q, c, index) = Hand.Build(main);
        var (gq, gc, _) = Hand.Build(guideScores);
        var result = new HardNegativeMiner(new() { NumNegatives = 3, RangeMax = 5 })
            .Mine(q, c, index, [[3, 5]], new GuideEmbeddings(gq, gc, MetricKind.InnerProduct));
        Assert.Equal([1, 2, 4], result.Rows[0].Negatives);
        Assert.Equal([4, 6], result.Rows[1].Negatives);
    }
}
