using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Tango.Core;
using Tango.Core.Kernels;
using Tango.Core.Memory;
using Tango.Losses;
using Tango.Losses.Miners;
using Tango.NN.Optimizers;
using Tango.Search;
using Tango.Training;

namespace Tango.Cli;

/// <summary>
/// `tango bench`: a quick speed table of the kernels a training run spends its time in — SGEMM, one training step
/// of the default model, the default loss forward and backward, and an exact k-NN search. Each row runs for about
/// half a second after a warm-up and reports the median. For careful comparisons use bench/Tango.Benchmarks.
/// </summary>
internal static class BenchCommand
{
    public static Command Build()
    {
        var threads = new Option<int>("--threads") { Description = "Threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var seconds = new Option<double>("--seconds")
        {
            Description = "Time budget per row.",
            DefaultValueFactory = _ => 0.5,
        };
        var command = new Command("bench", "A quick speed table (a few seconds): SGEMM GFLOP/s, a training step, a " +
            "loss forward+backward and a k-NN search.") { threads, seconds };
        command.SetAction(p => CliErrors.Guard("bench", () => Run(p.GetValue(threads), p.GetValue(seconds))));
        return command;
    }

    private static int Run(int threads, double seconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads, "--threads");
        if (!(seconds > 0 && seconds <= 60))
        {
            throw new ArgumentException($"--seconds must be in (0, 60]; got {seconds}.");
        }

        Gemm.MaxThreads = threads;
        var console = Terminal.Create();
        var table = new Table().Title(string.Create(CultureInfo.InvariantCulture,
            $"Tango {typeof(Tensor).Assembly.GetName().Version} on .NET {Environment.Version}, {threads} thread(s), " +
            $"{Environment.ProcessorCount} cores"));
        table.AddColumn("benchmark");
        table.AddColumn("size");
        table.AddColumn(new TableColumn("median").RightAligned());
        table.AddColumn(new TableColumn("rate").RightAligned());
        var rng = new Rng(0);

        const int n = 512;
        var a = Tensor.RandomNormal(rng, n, n);
        var b = Tensor.RandomNormal(rng, n, n);
        double gemm = Time(seconds, () => a.MatMul(b).Dispose());
        Row(table, "SGEMM", "512 × 512 × 512", gemm, $"{2.0 * n * n * n / gemm / 1e9:F1} GFLOP/s");

        var spec = new MlpSpec(784, [256], 128);
        var model = spec.Build(rng);
        var optimizer = new AdamW(model.Parameters(), lr: 1e-4f);
        var x = Tensor.RandomUniform(rng, 100, 784);
        var labels = Enumerable.Range(0, 100).Select(i => i % 5).ToArray();
        var loss = new MultiSimilarityLoss();
        var miner = new MultiSimilarityMiner();
        double step = Time(seconds, () =>
        {
            using var scope = TensorScope.Begin();
            optimizer.ZeroGrad();
            var e = model.Forward(x);
            loss.Compute(e, labels, miner.Mine(e, labels)).Backward();
            optimizer.Step();
        });
        Row(table, "train step (MLP, MS loss + miner, AdamW)", "batch 100, 784→256→128", step,
            $"{100 / step:N0} examples/s");

        var emb = Tensor.RandomNormal(rng, 256, 128).L2Normalize(-1);
        var embLabels = Enumerable.Range(0, 256).Select(i => i % 16).ToArray();
        double lossTime = Time(seconds, () =>
        {
            using var scope = TensorScope.Begin();
            var leaf = emb.Detach();
            leaf.RequiresGrad = true;
            loss.Compute(leaf, embLabels).Backward();
            leaf.Grad?.Dispose();
        });
        Row(table, "MultiSimilarityLoss forward + backward", "256 × 128, 16 classes", lossTime,
            $"{256 / lossTime:N0} rows/s");

        var corpus = Tensor.RandomNormal(rng, 10_000, 128);
        var queries = Tensor.RandomNormal(rng, 1_000, 128);
        var index = new FlatIndex(128, MetricKind.Cosine);
        index.Add(corpus);
        double knn = Time(seconds, () => index.Search(queries, 10));
        Row(table, "exact k-NN search (FlatIndex, cosine)", "1,000 queries × 10,000 × 128, k = 10", knn,
            $"{1000 / knn:N0} queries/s");
        console.Write(table);
        return 0;
    }

    // Median seconds per call over calls filling the budget, after one warm-up call.
    private static double Time(double budget, Action action)
    {
        action();
        var times = new List<double>();
        var total = Stopwatch.StartNew();
        while (times.Count < 3 || total.Elapsed.TotalSeconds < budget && times.Count < 10_000)
        {
            var sw = Stopwatch.StartNew();
            action();
            times.Add(sw.Elapsed.TotalSeconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }

    private static void Row(Table table, string name, string size, double seconds, string rate) =>
        table.AddRow(Markup.Escape(name), Markup.Escape(size), Ms(seconds), Markup.Escape(rate));

    private static string Ms(double seconds) => seconds >= 1 ? $"{seconds:F2} s"
        : seconds >= 1e-3 ? string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e3:F2} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e6:F0} µs");
}
