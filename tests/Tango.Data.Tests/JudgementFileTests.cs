namespace Tango.Data.Tests;

public sealed class JudgementFileTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Tsv_QidDocid_GradesOptional()
    {
        var j = JudgementFile.Read(_dir.Text("q.tsv", "q1\td3\nq2\td1\nq1\td9\n"));
        Assert.Equal(["q1", "q2"], j.QueryIds);
        Assert.Equal(3, j.Count);
        Assert.Equal([new("d3", 1f), new Judgement("d9", 1f)], j.For("q1"));
        Assert.Empty(j.For("q3"));
        Assert.Equal(["d3", "d9", "d1"], j.DocIds());

        j = JudgementFile.Read(_dir.Text("g.tsv", "q1\td3\t2\nq1\td4\t0\n"));
        Assert.Equal([new("d3", 2f), new Judgement("d4", 0f)], j.For("q1"));
        Assert.Equal(["d3"], j.Relevant("q1"));
    }

    [Fact]
    public void BeirHeader_AndTrecQrels()
    {
        var j = JudgementFile.Read(_dir.Text("beir.tsv", "query-id\tcorpus-id\tscore\n7\t100\t1\n7\t101\t2\n"));
        Assert.Equal([new("100", 1f), new Judgement("101", 2f)], j.For("7"));
        j = JudgementFile.Read(_dir.Text("qrels.txt", "301 0 FBIS3-10082 1\n301 0 FBIS3-10169 0\n302  0 X 2\n"));
        Assert.Equal(["301", "302"], j.QueryIds);
        Assert.Equal([new("FBIS3-10082", 1f), new Judgement("FBIS3-10169", 0f)], j.For("301"));
        Assert.Equal([new Judgement("X", 2f)], j.For("302"));
    }

    [Fact]
    public void Jsonl_PositivesLists_AndGradedItems()
    {
        string path = _dir.Text("j.jsonl",
            "{\"query\": \"q1\", \"positives\": [\"d3\", \"d9\"]}\n" +
            "{\"query\": \"q2\", \"positives\": [{\"id\": \"d1\", \"grade\": 3}, 42]}\n" +
            "{\"query\": \"q3\", \"positives\": []}\n");
        var j = JudgementFile.Read(path);
        Assert.Equal(["q1", "q2", "q3"], j.QueryIds);
        Assert.Equal(["d3", "d9"], j.Relevant("q1"));
        Assert.Equal([new("d1", 3f), new Judgement("42", 1f)], j.For("q2"));
        Assert.True(j.Contains("q3"));
        Assert.Empty(j.For("q3"));
        Assert.Equal(4, j.Count);
    }

    [Fact]
    public void Jsonl_OneJudgementPerLine()
    {
        string path = _dir.Text("j.jsonl", "{\"query_id\":\"q\",\"doc_id\":\"a\",\"score\":2}\n" +
                                           "{\"query_id\":\"q\",\"doc_id\":\"b\"}\n");
        var j = JudgementFile.Read(path);
        Assert.Equal([new("a", 2f), new Judgement("b", 1f)], j.For("q"));
    }

    [Fact]
    public void Duplicate_NamesBothLines()
    {
        string path = _dir.Text("d.tsv", "q1\td3\nq1\td4\n\nq1\td3\n");
        var e = Assert.Throws<DataFormatException>(() => JudgementFile.Read(path));
        Assert.Equal(4, e.Line);
        Assert.Contains("line 4: query 'q1' and item 'd3' were already judged on line 1", e.Message);
    }

    [Fact]
    public void BadInput_Messages()
    {
        string path = _dir.Text("b.tsv", "q1\td3\t1\nq1\td4\tx\n");
        var e = Assert.Throws<DataFormatException>(() => JudgementFile.Read(path));
        Assert.Equal(2, e.Line);
        Assert.Contains("expected a grade (a finite number) in column 3, found 'x'", e.Message);
        path = _dir.Text("b.jsonl", "{\"query\":\"q\",\"positives\":\"d1\"}\n");
        e = Assert.Throws<DataFormatException>(() => JudgementFile.Read(path));
        Assert.Contains("field 'positives': expected a list of ids, found string \"d1\"", e.Message);
        path = _dir.Text("c.jsonl", "{\"query\":\"q\",\"positives\":[\"a\"]}\n{\"positives\":[\"b\"]}\n");
        e = Assert.Throws<DataFormatException>(() => JudgementFile.Read(path));
        Assert.Equal(2, e.Line);
        Assert.Contains("no query field", e.Message);
        path = _dir.Text("e.jsonl", "{\"query\":\"q\",\"positives\":[{\"grade\":1}]}\n");
        Assert.Contains("an item object needs an id field",
            Assert.Throws<DataFormatException>(() => JudgementFile.Read(path)).Message);
    }
}
