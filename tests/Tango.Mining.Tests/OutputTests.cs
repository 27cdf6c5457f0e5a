using System.Text.Json;

namespace Tango.Mining.Tests;

/// <summary>The JSONL layouts, the score summary and the histogram page.</summary>
public class OutputTests
{
    private static readonly float[] Scores =
        [0.9375f, 0.875f, 0.8125f, 0.75f, 0.625f, 0.5f, 0.4375f, 0.375f, 0.25f, 0.125f];

    // Query "a" (positives rows 1, 5; negatives chosen per pair), query "b" with every candidate filtered.
    private static MiningResult Result() => Hand.Mine([Scores, Scores], [[1, 5], [9]],
        new() { NumNegatives = 2, RangeMax = 4, FalseNegativeFraction = 0.9f });

    private static string[] Lines(MiningOutputFormat format, bool scores)
    {
        string dir = Path.Combine(Path.GetTempPath(), $"tango-mine-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string path = Path.Combine(dir, "out.jsonl");
            long n = MiningWriter.Write(path, Result(), format, scores, ["a", "b"],
                [.. Enumerable.Range(0, 10).Select(i => $"d{i}")]);
            var lines = File.ReadAllLines(path);
            Assert.Equal(n, lines.Length);
            Assert.Single(Directory.GetFiles(dir)); // no temporary file left behind
            return lines;
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Rows_AreAsListedByHand()
    {
        var r = Result();
        // The pool is RangeMax + 2 = 6 rows (d0..d5). Pair (a, d1 @ 0.875): drop > 0.7875 → d0, d2; d3, d4 left.
        // Pair (a, d5 @ 0.5): drop > 0.45 → d0, d2, d3, d4 all go, nothing left.
        Assert.Equal([3, 4], r.Rows[0].Negatives);
        Assert.Empty(r.Rows[1].Negatives);
        // Query b: positive d9 @ 0.125, pool rows 0..4 all above 0.1125 → nothing.
        Assert.Empty(r.Rows[2].Negatives);
    }

    [Fact]
    public void Triplets_OneLinePerNegative()
    {
        var lines = Lines(MiningOutputFormat.Triplets, scores: true);
        Assert.Equal(2, lines.Length);
        Assert.Equal("{\"query\":\"a\",\"positive\":\"d1\",\"negative\":\"d3\",\"positive_score\":0.875," +
                     "\"negative_score\":0.75}", lines[0]);
        Assert.Equal("{\"query\":\"a\",\"positive\":\"d1\",\"negative\":\"d4\"}",
            Lines(MiningOutputFormat.Triplets, scores: false)[1]);
    }

    [Fact]
    public void Tuples_KeepOnlyFullRows()
    {
        var lines = Lines(MiningOutputFormat.Tuples, scores: true);
        Assert.Equal(
            ["{\"query\":\"a\",\"positive\":\"d1\",\"negatives\":[\"d3\",\"d4\"],\"scores\":[0.875,0.75,0.625]}"],
            lines);
    }

    [Fact]
    public void LabelledPairs_PositivesThenDistinctNegatives()
    {
        var lines = Lines(MiningOutputFormat.LabelledPairs, scores: false);
        var parsed = lines.Select(l => JsonDocument.Parse(l).RootElement)
            .Select(e => (e.GetProperty("query").GetString(), e.GetProperty("document").GetString(),
                e.GetProperty("label").GetInt32())).ToArray();
        Assert.Equal([("a", "d1", 1), ("a", "d5", 1), ("a", "d3", 0), ("a", "d4", 0), ("b", "d9", 1)], parsed);
    }

    [Fact]
    public void RowNumbers_WhenNoIds()
    {
        string path = Path.Combine(Path.GetTempPath(), $"tango-mine-{Guid.NewGuid():N}.jsonl");
        try
        {
            MiningWriter.Write(path, Result(), MiningOutputFormat.Triplets);
            Assert.Equal("{\"query\":0,\"positive\":1,\"negative\":3}", File.ReadLines(path).First());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ScoreSummary_MatchesHandValues()
    {
        var s = ScoreSummary.Of([4f, 1f, 3f, 2f, 5f]);
        Assert.Equal(5, s.Count);
        Assert.Equal(3.0, s.Mean, 12);
        Assert.Equal(Math.Sqrt(2.5), s.Std, 12);
        Assert.Equal((1.0, 2.0, 3.0, 4.0, 5.0), (s.Min, s.Q25, s.Median, s.Q75, s.Max));
        var t = ScoreSummary.Of([0f, 1f]);
        Assert.Equal((0.25, 0.5, 0.75), (t.Q25, t.Median, t.Q75));
        Assert.True(double.IsNaN(ScoreSummary.Of([]).Mean));
    }

    [Fact]
    public void Histogram_CountsAndPage()
    {
        Assert.Equal([2, 1, 0, 2], ScoreHistogramHtml.Counts([0f, 0.1f, 0.3f, 0.9f, 1f], 0f, 1f, 4));
        string html = ScoreHistogramHtml.Render([0.8f, 0.9f], [0.1f, 0.2f, 0.3f], 10, "a <b>");
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("a &lt;b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("positives (2)", html, StringComparison.Ordinal);
        Assert.Contains("chosen negatives (3)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
    }
}
