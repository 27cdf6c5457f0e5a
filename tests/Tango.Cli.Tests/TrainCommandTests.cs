using System.Text.Json;
using Tango.Data;
using Tango.NN.Serialization;

namespace Tango.Cli.Tests;

public sealed class TrainCommandTests : IDisposable
{
    // A small, fast configuration: 1,200 MNIST rows, a tiny MLP, one epoch.
    private static readonly string[] Quick =
    [
        "train", "--limit", "1200", "--hidden", "32", "--embedding-dim", "16", "--batch-size", "50", "--m", "10",
        "--threads", "1", "-q",
    ];

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tango-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public void Train_WritesTheRunFolder_AndEmbedAndEvalReproduceIt()
    {
        string run = Path.Combine(_dir, "run");
        var (code, output, error) = Cli.Run([.. Quick, "--epochs", "1", "-o", run]);
        Assert.True(code == 0, error);
        Assert.Contains("trained network", output, StringComparison.Ordinal);
        foreach (var file in new[] { "config.json", "model.safetensors", "metrics.json", "embeddings.npy",
                     "heldout-labels.npy", "report.html", "checkpoint.safetensors" })
        {
            Assert.True(File.Exists(Path.Combine(run, file)), file);
        }

        Assert.Empty(Directory.GetFiles(run, "*.tmp"));
        string html = File.ReadAllText(Path.Combine(run, "report.html"));
        Assert.Equal(4, CountOf(html, "<svg"));
        Assert.Contains("untrained network", html, StringComparison.Ordinal);

        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "metrics.json")));
        var epochs = metrics.RootElement.GetProperty("epochs");
        Assert.Equal(2, epochs.GetArrayLength());
        double mapAtR = epochs[1].GetProperty("metrics").GetProperty("mean_average_precision_at_r").GetDouble();

        // embed: the held-out rows through the saved model give embeddings.npy exactly.
        var mnist = EmbeddedDatasets.Mnist10k().Subset([.. Enumerable.Range(0, 1200)]);
        var held = mnist.Subset([.. Enumerable.Range(0, 1200).Where(i => mnist.Labels[i] >= 5)]);
        string input = Path.Combine(_dir, "held.npy");
        NpyFile.Write(input, held.Features.AsSpan(), held.Rows, held.Cols);
        string embedded = Path.Combine(_dir, "embedded.npy");
        Assert.Equal(0, Cli.Run("embed", "--run", run, "--input", input, "--output", embedded).Code);
        Assert.Equal(NpyFile.Read(Path.Combine(run, "embeddings.npy")).ToFloat32(), NpyFile.Read(embedded).ToFloat32());

        // eval: the saved embeddings and labels give the MAP@R the run recorded.
        string json = Path.Combine(_dir, "eval.json");
        var evalRun = Cli.Run("eval", "--embeddings", embedded, "--labels", Path.Combine(run, "heldout-labels.npy"),
            "--json", json);
        Assert.True(evalRun.Code == 0, evalRun.Err);
        using var evaluated = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(mapAtR, evaluated.RootElement.GetProperty("mean_average_precision_at_r").GetDouble(), 12);
    }

    [Fact]
    public void Resume_ContinuesToTheSameBitsAsAStraightRun()
    {
        string straight = Path.Combine(_dir, "straight");
        string resumed = Path.Combine(_dir, "resumed");
        Assert.Equal(0, Cli.Run([.. Quick, "--epochs", "2", "-o", straight]).Code);
        Assert.Equal(0, Cli.Run([.. Quick, "--epochs", "2", "--stop-after", "1", "-o", resumed]).Code);
        var (code, _, error) = Cli.Run("train", "--resume", "-o", resumed, "-q");
        Assert.True(code == 0, error);
        var a = SafeTensors.Load(Path.Combine(straight, "model.safetensors"));
        var b = SafeTensors.Load(Path.Combine(resumed, "model.safetensors"));
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        foreach (var key in a.Keys)
        {
            Assert.Equal(a[key].ToArray(), b[key].ToArray());
        }

        Assert.Equal(File.ReadAllText(Path.Combine(straight, "config.json")),
            File.ReadAllText(Path.Combine(resumed, "config.json")));
    }

    [Theory]
    [InlineData("--epochs abc", "--epochs")]
    [InlineData("--loss NoSuchLoss", "NoSuchLoss")]
    [InlineData("--loss MultiSimilarityMiner", "not a Loss")]
    [InlineData("--loss-param alpha", "name=value")]
    [InlineData("--loss-param gamma=2", "no parameter 'gamma'")]
    [InlineData("--split random", "--split")]
    [InlineData("--train-classes 0,1,eleven", "'eleven'")]
    [InlineData("--m 7", "must divide")]
    [InlineData("--data nodata", "Unknown dataset")]
    [InlineData("--early-stopping speed", "Unknown metric")]
    [InlineData("--no-such-option", "--no-such-option")]
    public void Train_BadArguments_OneLineOnStderr_ExitCodeTwo(string args, string expected)
    {
        var (code, _, error) = Cli.Run(["train", "--epochs", "1", "-o", Path.Combine(_dir, "bad"),
            .. args.Split(' ')]);
        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void Train_MissingOrMalformedFiles_NameTheFileAndPosition()
    {
        Directory.CreateDirectory(_dir);
        string missing = Path.Combine(_dir, "missing.npy");
        var (code, _, error) = Cli.Run("train", "--features", missing, "--labels", missing, "-o", _dir);
        Assert.Equal(2, code);
        Assert.Contains(missing, error, StringComparison.Ordinal);

        string csv = Path.Combine(_dir, "x.csv");
        File.WriteAllText(csv, "a,b\n1,2\n3,oops\n");
        string labels = Path.Combine(_dir, "y.csv");
        File.WriteAllText(labels, "label\n0\n1\n");
        (code, _, error) = Cli.Run("train", "--features", csv, "--labels", labels, "-o", _dir);
        Assert.Equal(2, code);
        Assert.Contains("line 3, column 2: 'oops'", error, StringComparison.Ordinal);

        File.WriteAllText(csv, "1,2\n3,4\n5,6\n");
        (code, _, error) = Cli.Run("train", "--features", csv, "--labels", labels, "-o", _dir);
        Assert.Equal(2, code);
        Assert.Contains("3 rows", error, StringComparison.Ordinal);
        Assert.Contains("2 labels", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_OnUserCsvWithLabelColumn_Works()
    {
        // Four well-separated 2-D classes, 40 rows each; train on two, hold out two.
        Directory.CreateDirectory(_dir);
        var rng = new Random(3);
        var lines = new List<string> { "x,y,z,species" };
        for (int i = 0; i < 160; i++)
        {
            int c = i % 4;
            lines.Add(FormattableString.Invariant(
                $"{c * 3 + rng.NextDouble()},{(c % 2) * 5 + rng.NextDouble()},{rng.NextDouble()},k{c}"));
        }

        string csv = Path.Combine(_dir, "data.csv");
        File.WriteAllLines(csv, lines);
        string run = Path.Combine(_dir, "csvrun");
        var (code, output, error) = Cli.Run("train", "--features", csv, "--label-column", "species", "--hidden", "8",
            "--embedding-dim", "4", "--batch-size", "20", "--m", "10", "--epochs", "2", "-q", "-o", run);
        Assert.True(code == 0, error);
        Assert.Contains("raw features (3-d)", output, StringComparison.Ordinal);
        Assert.Contains("\"labelColumn\": \"species\"", File.ReadAllText(Path.Combine(run, "config.json")),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Help_ListsEveryTrainOption()
    {
        var (code, output, _) = Cli.Run("train", "--help");
        Assert.Equal(0, code);
        foreach (var option in new[] { "--epochs", "--batch-size", "--m", "--lr", "--weight-decay", "--hidden",
                     "--embedding-dim", "--loss", "--loss-param", "--miner", "--distance", "--seed", "--output",
                     "--eval-every", "--early-stopping", "--patience", "--resume", "--threads", "--features",
                     "--labels" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
    }

    private static int CountOf(string text, string what)
    {
        int count = 0;
        for (int i = text.IndexOf(what, StringComparison.Ordinal); i >= 0;
             i = text.IndexOf(what, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
