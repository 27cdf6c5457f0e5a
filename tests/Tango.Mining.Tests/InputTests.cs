using Tango.Data;

namespace Tango.Mining.Tests;

/// <summary>Ids files and judgements → positives, with line-numbered errors.</summary>
public sealed class InputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tango-mine-input-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string File(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void IdsFile_MapsRows_AndRejectsDuplicatesEmptyAndWrongCount()
    {
        var ids = IdIndex.Read(File("ids.txt", "d0\n d1 \nd2\n"), 3, "c.npy");
        Assert.Equal(["d0", "d1", "d2"], ids);
        Assert.True(ids.TryGetRow("d1", out int row));
        Assert.Equal(1, row);
        Assert.False(ids.TryGetRow("d3", out _));

        var dup = Assert.Throws<DataFormatException>(() => IdIndex.Read(File("dup.txt", "a\nb\na\n"), 3, "c.npy"));
        Assert.Equal(3, dup.Line);
        Assert.Contains("'a' already named row 0", dup.Message, StringComparison.Ordinal);
        Assert.Equal(2, Assert.Throws<DataFormatException>(() =>
            IdIndex.Read(File("empty.txt", "a\n\nb\n"), 3, "c.npy")).Line);
        Assert.Contains("2 ids for the 3 rows of 'c.npy'", Assert.Throws<DataFormatException>(() =>
            IdIndex.Read(File("short.txt", "a\nb\n"), 3, "c.npy")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RowNumbers_AreExactDecimalIds()
    {
        var ids = IdIndex.RowNumbers(12, "c.npy");
        Assert.True(ids.TryGetRow("11", out int row));
        Assert.Equal(11, row);
        Assert.False(ids.TryGetRow("12", out _));
        Assert.False(ids.TryGetRow("01", out _));
        Assert.False(ids.TryGetRow("-1", out _));
        Assert.Equal("7", ids[7]);
    }

    [Fact]
    public void Judgements_BecomeRowPositives_OnlyGradeAboveZero()
    {
        string path = File("qrels.tsv", "query-id\tcorpus-id\tscore\nq1\td2\t1\nq0\td0\t2\nq1\td1\t1\nq1\td0\t0\n");
        var queries = IdIndex.Read(File("q.txt", "q0\nq1\nq2\n"), 3, "q.npy");
        var corpus = IdIndex.Read(File("c.txt", "d0\nd1\nd2\n"), 3, "c.npy");
        var positives = MiningPositives.FromJudgements(JudgementFile.Read(path), path, queries, corpus);
        Assert.Equal([[0], [2, 1], []], positives);
    }

    [Fact]
    public void UnknownIds_NameFileLineAndSource()
    {
        string path = File("qrels.tsv", "q0\td0\nq1\td9\n");
        var queries = IdIndex.Read(File("q.txt", "q0\nq1\n"), 2, "q.npy");
        var corpus = IdIndex.RowNumbers(3, "c.npy");
        var judgements = JudgementFile.Read(path);
        var e = Assert.Throws<DataFormatException>(() =>
            MiningPositives.FromJudgements(judgements, path, queries, IdIndex.Read(File("c.txt", "d0\nd1\nd2\n"),
                3, "c.npy")));
        Assert.Equal(2, e.Line);
        Assert.Contains("corpus id 'd9'", e.Message, StringComparison.Ordinal);
        var rows = Assert.Throws<DataFormatException>(() =>
            MiningPositives.FromJudgements(judgements, path, queries, corpus));
        Assert.Contains("row numbers 0..2 of 'c.npy'", rows.Message, StringComparison.Ordinal);
        var q = Assert.Throws<DataFormatException>(() => MiningPositives.FromJudgements(judgements, path,
            IdIndex.RowNumbers(2, "q.npy"), corpus));
        Assert.Contains("query id 'q0'", q.Message, StringComparison.Ordinal);
        Assert.Equal(1, q.Line);
    }

    [Fact]
    public void MalformedJudgements_AreLineNumbered()
    {
        string path = File("bad.jsonl",
            "{\"query\": \"q0\", \"positives\": [\"d0\"]}\n{\"query\": \"q1\", \"positives\": 5}\n");
        var e = Assert.Throws<DataFormatException>(() => JudgementFile.Read(path));
        Assert.Equal(2, e.Line);
    }
}
