namespace Tango.Data.Tests;

public sealed class PairFileTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Tsv_NoHeader_WithScores()
    {
        string path = _dir.Text("p.tsv", "q1\td1\t1\nq1\td2\t-1\n\nq2\td3\t0.5\n");
        var pairs = PairFile.Read(path);
        Assert.Equal([new("q1", "d1", 1f), new("q1", "d2", -1f), new LabeledPair("q2", "d3", 0.5f)], pairs);
    }

    [Fact]
    public void Csv_Header_ReorderedColumns()
    {
        string path = _dir.Text("p.csv", "score,sentence2,sentence1\n0.8,\"b, quoted \"\"x\"\"\",a\n");
        var pair = Assert.Single(PairFile.Read(path));
        Assert.Equal(new LabeledPair("a", "b, quoted \"x\"", 0.8f), pair);
    }

    [Fact]
    public void Csv_TwoColumns_ScoreDefaultsToOne()
    {
        var pairs = PairFile.Read(_dir.Text("p.csv", "x,y\nu,v\n"));
        Assert.Equal([new("x", "y", 1f), new LabeledPair("u", "v", 1f)], pairs);
    }

    [Fact]
    public void Jsonl_SentenceTransformersNames_AndExplicitFields()
    {
        string path = _dir.Text("p.jsonl",
            "{\"anchor\":\"a\",\"positive\":\"b\"}\n{\"anchor\":\"c\",\"positive\":7}\n");
        Assert.Equal([new("a", "b", 1f), new LabeledPair("c", "7", 1f)], PairFile.Read(path));
        path = _dir.Text("q.jsonl", "{\"l\":\"a\",\"r\":\"b\",\"s\":-1}\n");
        var options = new PairFileOptions { First = "l", Second = "r", Score = "s" };
        Assert.Equal(new LabeledPair("a", "b", -1f), Assert.Single(PairFile.Read(path, options)));
    }

    [Fact]
    public void BadScore_NamesLineAndColumn()
    {
        string path = _dir.Text("p.tsv", "a\tb\t1\nc\td\tyes\n");
        var e = Assert.Throws<DataFormatException>(() => PairFile.Read(path));
        Assert.Equal(2, e.Line);
        Assert.Contains("p.tsv', line 2: expected a score (a finite number) in column 3, found 'yes'", e.Message);
        path = _dir.Text("n.tsv", "a\tb\t1\nc\td\tNaN\n");
        Assert.Equal(2, Assert.Throws<DataFormatException>(() => PairFile.Read(path)).Line);
    }

    [Fact]
    public void Jsonl_Errors_NameLines()
    {
        string path = _dir.Text("p.jsonl", "{\"a\":\"x\",\"b\":\"y\",\"score\":1}\n{\"a\":\"x\",\"score\":1}\n");
        var e = Assert.Throws<DataFormatException>(() => PairFile.Read(path));
        Assert.Equal(2, e.Line);
        Assert.Contains("missing the field 'b'", e.Message);
        path = _dir.Text("s.jsonl", "{\"a\":\"x\",\"b\":\"y\",\"score\":\"high\"}\n");
        Assert.Contains("field 'score': expected a number, found string \"high\"",
            Assert.Throws<DataFormatException>(() => PairFile.Read(path)).Message);
        path = _dir.Text("o.jsonl", "{\"a\":[1],\"b\":\"y\"}\n");
        Assert.Contains("field 'a': expected a string or a number, found a array",
            Assert.Throws<DataFormatException>(() => PairFile.Read(path)).Message);
        path = _dir.Text("none.jsonl", "{\"u\":1}\n");
        Assert.Contains("no field for the first item",
            Assert.Throws<DataFormatException>(() => PairFile.Read(path)).Message);
    }

    [Fact]
    public void EmptyField_Rejected()
    {
        string path = _dir.Text("p.csv", "a,b\n,y\n");
        var e = Assert.Throws<DataFormatException>(() => PairFile.Read(path, new PairFileOptions { HasHeader = true }));
        Assert.Equal(2, e.Line);
        Assert.Contains("expected the first item in column 1, found an empty field", e.Message);
    }
}
