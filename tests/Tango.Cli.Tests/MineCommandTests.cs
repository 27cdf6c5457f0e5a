using System.Text.Json;
using Tango.Cli;
using Tango.Data;

namespace Tango.Cli.Tests;

/// <summary>`tango mine` end to end on small generated files (output captured without touching the console).</summary>
public sealed class MineCommandTests : IDisposable
{
    private const int N = 60, D = 8, Q = 6;
    private readonly string _dir = Directory.CreateTempSubdirectory("tango-mine-cli-").FullName;

    public MineCommandTests()
    {
        var rng = new Tango.Core.Rng(3);
        var corpus = new float[N * D];
        for (int i = 0; i < corpus.Length; i++)
        {
            corpus[i] = rng.NextNormal();
        }

        var queries = new float[Q * D];
        for (int i = 0; i < queries.Length; i++)
        {
            queries[i] = corpus[(i / D * 7) * D + i % D] + 0.2f * rng.NextNormal(); // query q near doc 7q
        }

        NpyFile.Write(Path("corpus.npy"), corpus, N, D);
        NpyFile.Write(Path("queries.npy.gz"), queries, Q, D);
        File.WriteAllLines(Path("doc-ids.txt"), Enumerable.Range(0, N).Select(i => $"d{i}"));
        File.WriteAllLines(Path("query-ids.txt"), Enumerable.Range(0, Q).Select(i => $"q{i}"));
        // q0..q4 judged (q1 with two positives, q2 with five); q5 has none.
        File.WriteAllText(Path("qrels.tsv"), "query-id\tcorpus-id\tscore\nq0\td0\t1\nq1\td7\t1\nq1\td8\t1\n" +
            string.Concat(Enumerable.Range(14, 5).Select(i => $"q2\td{i}\t1\n")) + "q3\td21\t1\nq4\td28\t1\n");
    }

    public void Dispose() => Directory.Delete(_dir, true);

    private string Path(string name) => System.IO.Path.Combine(_dir, name);

    private (int Code, string Out, string Err) Mine(params string[] extra)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        string[] args = ["--queries", Path("queries.npy.gz"), "--corpus", Path("corpus.npy"),
                "--judgements", Path("qrels.tsv"), "--query-ids", Path("query-ids.txt"), "--corpus-ids",
            Path("doc-ids.txt"), "--output", Path("out.jsonl"), .. extra];
        return (MineCommand.Build(o, e).Parse(args).Invoke(), o.ToString(), e.ToString());
    }

    [Fact]
    public void IsRegistered()
    {
        Assert.Contains(TangoCommand.Build().Subcommands, c => c.Name == "mine");
    }

    [Fact]
    public void Triplets_WithScores_AndHistogram()
    {
        var (code, output, err) = Mine("--num-negatives", "2", "--range-min", "1", "--range-max", "10",
            "--scores", "--histogram", Path("h.html"));
        Assert.True(code == 0, err);
        var lines = File.ReadAllLines(Path("out.jsonl"));
        // 1 + 2 + 5 + 1 + 1 = 10 pairs × 2 negatives, nothing filtered but the positives.
        Assert.Equal(20, lines.Length);
        var first = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal("q0", first.GetProperty("query").GetString());
        Assert.Equal("d0", first.GetProperty("positive").GetString());
        Assert.True(first.GetProperty("positive_score").GetSingle() > first.GetProperty("negative_score").GetSingle());
        var judged = new HashSet<string?> { "d0", "d7", "d8", "d14", "d15", "d16", "d17", "d18", "d21", "d28" };
        Assert.All(lines, l => Assert.DoesNotContain(JsonDocument.Parse(l).RootElement.GetProperty("negative")
            .GetString(), judged));
        Assert.Contains("Queries processed", output, StringComparison.Ordinal);
        Assert.Contains("Queries without positives", output, StringComparison.Ordinal);
        Assert.Contains("chosen negatives", output, StringComparison.Ordinal);
        Assert.Contains("<svg", File.ReadAllText(Path("h.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void Tuples_AndLabelledPairs_Ivf_RandomSeeded()
    {
        string[] common = ["--num-negatives", "3", "--range-max", "12", "--sampling", "random", "--seed", "5",
            "--index", "ivf", "--lists", "4", "--probes", "4"];
        Assert.Equal(0, Mine([.. common, "--format", "tuples"]).Code);
        var tuples = File.ReadAllLines(Path("out.jsonl"));
        Assert.Equal(10, tuples.Length);
        Assert.All(tuples, l => Assert.Equal(3, JsonDocument.Parse(l).RootElement.GetProperty("negatives")
            .GetArrayLength()));
        Assert.Equal(0, Mine([.. common, "--format", "tuples"]).Code);
        Assert.Equal(tuples, File.ReadAllLines(Path("out.jsonl"))); // same seed, same file
        Assert.Equal(0, Mine([.. common, "--format", "labelledpairs"]).Code);
        var labels = File.ReadAllLines(Path("out.jsonl")).Select(l => JsonDocument.Parse(l).RootElement
            .GetProperty("label").GetInt32()).ToArray();
        Assert.Equal(10, labels.Count(l => l == 1));
        Assert.True(labels.Count(l => l == 0) >= 3 * 5); // at least 3 distinct negatives for each judged query
    }

    [Fact]
    public void DimensionMismatch_ExitsTwoWithOneLine()
    {
        NpyFile.Write(Path("queries.npy.gz"), new float[Q * 3], Q, 3);
        var (code, _, err) = Mine();
        Assert.Equal(2, code);
        Assert.Contains("dimension 3", err, StringComparison.Ordinal);
        Assert.Single(err.Trim().Split('\n'));
        Assert.False(File.Exists(Path("out.jsonl")));
    }

    [Fact]
    public void UnknownCorpusId_NamesTheLine()
    {
        File.AppendAllText(Path("qrels.tsv"), "q5\td99\t1\n");
        var (code, _, err) = Mine();
        Assert.Equal(2, code);
        Assert.Contains("line 12", err, StringComparison.Ordinal);
        Assert.Contains("'d99'", err, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedCorpus_And_BadOptions_ExitTwo()
    {
        var bytes = File.ReadAllBytes(Path("corpus.npy"));
        File.WriteAllBytes(Path("corpus.npy"), bytes[..^10]);
        var (code, _, err) = Mine();
        Assert.Equal(2, code);
        Assert.Contains("corpus.npy", err, StringComparison.Ordinal);

        NpyFile.Write(Path("corpus.npy"), new float[N * D], N, D);
        var bad = Mine("--range-min", "5", "--range-max", "5");
        Assert.Equal(2, bad.Code);
        Assert.Contains("RangeMax", bad.Err, StringComparison.Ordinal);
        Assert.Equal(2, Mine("--metric", "l2").Code);
    }
}
