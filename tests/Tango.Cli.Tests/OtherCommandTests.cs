using Tango.Data;

namespace Tango.Cli.Tests;

public sealed class OtherCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tango-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void List_ShowsEveryFamilyWithParametersAndDefaults()
    {
        var (code, output, _) = Cli.Run("list");
        Assert.Equal(0, code);
        foreach (var text in new[] { "Losses", "Miners", "Distances", "Reducers", "Regularizers" })
        {
            Assert.Contains(text, output, StringComparison.Ordinal);
        }

        Assert.Contains("MultiSimilarityLoss", output, StringComparison.Ordinal);
        Assert.Contains("CosineSimilarity", output, StringComparison.Ordinal);
    }

    [Fact]
    public void List_OneComponent_ShowsItsParameterTable()
    {
        var (code, output, _) = Cli.Run("list", "MultiSimilarityMiner");
        Assert.Equal(0, code);
        Assert.Contains("epsilon", output, StringComparison.Ordinal);
        Assert.Contains("0.1", output, StringComparison.Ordinal);
        Assert.Equal(2, Cli.Run("list", "--kind", "nope").Code);
        Assert.Equal(2, Cli.Run("list", "NoSuchThing").Code);
    }

    [Fact]
    public void List_FilteredByKind_ShowsOnlyThatKind()
    {
        var (code, output, _) = Cli.Run("list", "--kind", "miner");
        Assert.Equal(0, code);
        Assert.Contains("TripletMarginMiner", output, StringComparison.Ordinal);
        Assert.DoesNotContain("MultiSimilarityLoss", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_LabelledEmbeddings_ComputesKnownPrecision()
    {
        // Two tight clusters far apart: every neighbour within R has the right label, so all k-NN metrics are 1.
        var x = new float[] { 0, 0, 0.1f, 0, 0, 0.1f, 10, 10, 10.1f, 10, 10, 10.1f };
        string e = Path.Combine(_dir, "e.npy");
        string l = Path.Combine(_dir, "l.csv");
        NpyFile.Write(e, x.AsSpan(), 6, 2);
        File.WriteAllText(l, "label\na\na\na\nb\nb\nb\n");
        var (code, output, error) = Cli.Run("eval", "--embeddings", e, "--labels", l);
        Assert.True(code == 0, error);
        Assert.Contains("mean_average_precision_at_r", output, StringComparison.Ordinal);
        Assert.Contains("1.0000", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_QueriesCorpusJudgements_ScoresTheRanking()
    {
        // Query 0 is closest to document 1 (relevant), query 1 closest to document 0 (relevant): MRR@10 = 1.
        string q = Path.Combine(_dir, "q.npy"), c = Path.Combine(_dir, "c.npy"), j = Path.Combine(_dir, "j.tsv");
        NpyFile.Write(q, new float[] { 0, 1, 1, 0 }.AsSpan(), 2, 2);
        NpyFile.Write(c, new float[] { 1, 0.1f, 0.1f, 1, -1, -1 }.AsSpan(), 3, 2);
        File.WriteAllText(j, "0\t1\n1\t0\n");
        string json = Path.Combine(_dir, "r.json");
        var (code, output, error) = Cli.Run("eval", "--queries", q, "--corpus", c, "--judgements", j, "--json", json);
        Assert.True(code == 0, error);
        Assert.Contains("mrr@10", output, StringComparison.Ordinal);
        Assert.Contains("\"mrr@10\": 1", File.ReadAllText(json), StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_BadInput_ExitsTwoNamingTheProblem()
    {
        string e = Path.Combine(_dir, "e.npy");
        NpyFile.Write(e, new float[] { 1, 2, 3, 4 }.AsSpan(), 2, 2);
        string l = Path.Combine(_dir, "l.csv");
        File.WriteAllText(l, "label\n0\n1\n2\n");
        var (code, _, error) = Cli.Run("eval", "--embeddings", e, "--labels", l);
        Assert.Equal(2, code);
        Assert.Contains("2 rows", error, StringComparison.Ordinal);
        Assert.Equal(2, Cli.Run("eval").Code);
        File.WriteAllBytes(e, [1, 2, 3]);
        (code, _, error) = Cli.Run("eval", "--embeddings", e, "--labels", l);
        Assert.Equal(2, code);
        Assert.Contains(e, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Embed_WithoutARun_ExitsTwo()
    {
        var (code, _, error) = Cli.Run("embed", "--run", Path.Combine(_dir, "none"), "--input", "x.npy", "--output",
            "y.npy");
        Assert.Equal(2, code);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_PrintsTheSpeedTable()
    {
        var (code, output, error) = Cli.Run("bench", "--seconds", "0.01", "--threads", "1");
        Assert.True(code == 0, error);
        Assert.Contains("GFLOP/s", output, StringComparison.Ordinal);
        Assert.Contains("queries/s", output, StringComparison.Ordinal);
    }
}
