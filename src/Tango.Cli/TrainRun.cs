using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Tango.Core;
using Tango.Core.Kernels;
using Tango.Data;
using Tango.Data.Sampling;
using Tango.Evaluation;
using Tango.Losses;
using Tango.NN;
using Tango.NN.Optimizers;
using Tango.NN.Schedules;
using Tango.NN.Serialization;
using Tango.Training;

namespace Tango.Cli;

/// <summary>The `tango train` job: data, model, loss, trainer, progress, before/after table and run folder.</summary>
internal static class TrainRun
{
    public const string CheckpointName = "checkpoint.safetensors";

    public static int Execute(TrainConfig config, string? output, bool resume, bool epochsGiven, bool quiet,
        int? stopAfter)
    {
        var clock = Stopwatch.StartNew();
        if (resume)
        {
            string folder = output ?? throw new ArgumentException("--resume needs --output: the run folder to continue.");
            int epochs = config.Epochs;
            config = TrainConfig.Read(Path.Combine(folder, "config.json"));
            config = epochsGiven ? config with { Epochs = epochs } : config;
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(config.Threads, "--threads");
        Gemm.MaxThreads = config.Threads;
        output ??= Path.Combine("runs", $"{Slug(config)}-{DateTime.Now:yyyyMMdd-HHmmss}");
        var console = Terminal.Create();
        var data = TrainData.Load(config);
        var spec = new MlpSpec(data.Features, config.Hidden, config.EmbeddingDim, config.Normalize);
        spec = config.InputNorm.ToLowerInvariant() switch
        {
            "global" => Standardize.Fit(data.TrainFeatures.Span) is var (shift, scale)
                ? spec with { InputShift = shift, InputScale = scale } : spec,
            "none" => spec,
            _ => throw new ArgumentException($"--input-norm must be 'global' or 'none'; got '{config.InputNorm}'."),
        };
        var model = spec.Build(new Rng(config.Seed));
        var untrained = spec.Build(new Rng(config.Seed)); // the same initial weights, kept for the report
        var loss = ComponentFactory.Loss(config.Loss, config.LossParams, config.Distance, data.TrainClasses.Length,
            config.EmbeddingDim, config.Seed);
        var miner = ComponentFactory.Miner(config.Miner, config.MinerParams, config.Distance, config.Seed);
        var parameters = model.Parameters().Concat(loss is ParametricLoss p ? p.Parameters() : []);
        var optimizer = new AdamW(parameters, lr: config.LearningRate, weightDecay: config.WeightDecay);
        var sampler = Sampler(config, data);
        var evaluator = new HeldOutEvaluator(data.TestFeatures, data.TestLabels);
        var trainer = new Trainer(model, loss, optimizer, sampler, new TrainerOptions
        {
            Epochs = config.Epochs,
            EvaluateEvery = config.EvalEvery,
            EarlyStopping = config.EarlyStoppingMetric is { } metric
                ? new EarlyStopping(MetricNames.Parse(metric), config.Patience) : null,
            CheckpointPath = Path.Combine(output, CheckpointName),
            MaxGradNorm = config.MaxGradNorm,
            PauseAfter = stopAfter,
        })
        {
            Miner = miner,
            Schedule = Schedule(config, sampler.BatchesPerEpoch),
            Evaluator = evaluator,
        };

        Directory.CreateDirectory(output);
        if (resume)
        {
            trainer.LoadCheckpoint(Path.Combine(output, CheckpointName));
        }

        RunFiles.WriteText(Path.Combine(output, "config.json"), config.ToJson());
        if (!quiet)
        {
            Describe(console, config, data, spec, model, sampler, output, trainer.Epoch);
        }

        var raw = evaluator.Score(data.TestFeatures);
        var result = TrainProgress.Run(console, trainer, data, quiet);
        var after = HeldOutEvaluator.Embed(model, data.TestFeatures);
        // The last evaluation already scored this model unless early stopping put back an earlier epoch's weights.
        var last = result.History.Count > 0 ? result.History[^1] : null;
        bool restored = trainer.Options.EarlyStopping is not null && result.BestEpoch != last?.Epoch;
        var trained = last is { Evaluated: true, Epoch: > 0 } && !restored ? last.Metrics : evaluator.Score(after);
        var untrainedMetrics = result.History.FirstOrDefault(h => h.Epoch == 0)?.Metrics
            ?? evaluator.Evaluate(untrained);
        var comparison = new List<KeyValuePair<string, IReadOnlyDictionary<AccuracyMetric, double>>>
        {
            new($"raw features ({data.Features}-d)", raw),
            new("untrained network", untrainedMetrics),
            new($"trained network ({result.LastEpoch} epochs)", trained),
        };
        RunFolder.Write(output, config, spec, model, data, untrained, after, result, comparison,
            clock.Elapsed.TotalSeconds);
        PrintTable(console, comparison);
        console.MarkupLine(CultureInfo.InvariantCulture,
            $"Done in {clock.Elapsed.TotalSeconds:F1} s. Run folder: [bold]{Markup.Escape(output)}[/] " +
            "(report.html, config.json, model.safetensors, metrics.json, embeddings.npy)");
        return 0;
    }

    private static IBatchSampler Sampler(TrainConfig c, TrainData data) => c.Sampler.ToLowerInvariant() switch
    {
        "m-per-class" or "mperclass" => new MPerClassSampler(data.TrainLabels, c.M, c.BatchSize, c.SamplesPerEpoch,
            c.Seed),
        "clustered" => new ClusteredHardBatchSampler(data.TrainLabels.Length, c.BatchSize, c.ClusterSize,
            c.RefreshEvery, c.Seed),
        _ => throw new ArgumentException($"--sampler must be 'm-per-class' or 'clustered'; got '{c.Sampler}'."),
    };

    private static LrSchedule? Schedule(TrainConfig c, int batchesPerEpoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(c.WarmupSteps, "--warmup");
        long total = (long)Math.Max(1, c.Epochs) * Math.Max(1, batchesPerEpoch);
        LrSchedule? main = c.Schedule.ToLowerInvariant() switch
        {
            "cosine" => new CosineAnnealingLr((int)Math.Max(1, total - c.WarmupSteps)),
            "constant" => null,
            _ => throw new ArgumentException($"--schedule must be 'cosine' or 'constant'; got '{c.Schedule}'."),
        };
        return c.WarmupSteps > 0 ? new LinearWarmup(c.WarmupSteps, main) : main;
    }

    private static void Describe(IAnsiConsole console, TrainConfig c, TrainData data, MlpSpec spec, Module model,
        IBatchSampler sampler, string output, int startEpoch)
    {
        long parameters = model.Parameters().Sum(p => (long)p.Size);
        string samplerText = sampler is MPerClassSampler m
            ? $"m-per-class (m={m.M}, batch {m.BatchSize}, {sampler.BatchesPerEpoch} batches/epoch)"
            : $"clustered hard batches (batch {c.BatchSize}, clusters of {c.ClusterSize}, refresh every " +
              $"{c.RefreshEvery} epochs)";
        console.MarkupLine(CultureInfo.InvariantCulture, $"[bold]Tango {c.Tango}[/] on .NET {Environment.Version}, " +
            $"{c.Threads} thread(s)");
        Line(console, "data", $"{data.Dataset.Name}: {data.Dataset.Rows} rows × {data.Features}, " +
            $"{data.Dataset.ClassCount} classes; {data.SplitText}: {data.TrainLabels.Length} train / " +
            $"{data.TestLabels.Length} held-out rows");
        Line(console, "model", $"MLP {spec} ({parameters:N0} parameters)");
        Line(console, "loss", $"{c.Loss}{Params(c.LossParams)} with miner {c.Miner}{Params(c.MinerParams)}" +
            (c.Distance is null ? "" : $", distance {c.Distance}"));
        Line(console, "training", $"{c.Epochs} epochs, {samplerText}, AdamW lr {c.LearningRate:G3} weight decay " +
            $"{c.WeightDecay:G3}, {c.Schedule} schedule, seed {c.Seed}");
        Line(console, "output", output + (startEpoch > 0 ? $" (resuming after epoch {startEpoch})" : ""));
    }

    private static void Line(IAnsiConsole console, string what, string text) =>
        console.MarkupLine($"  [grey]{what,-9}[/]{Markup.Escape(text)}");

    private static string Params(IReadOnlyList<string> p) => p.Count == 0 ? "" : $"({string.Join(", ", p)})";

    private static void PrintTable(IAnsiConsole console,
        List<KeyValuePair<string, IReadOnlyDictionary<AccuracyMetric, double>>> rows)
    {
        var metrics = rows[0].Value.Keys.Order().ToList();
        var table = new Table().Title("Held-out retrieval (every row queries the others)");
        table.AddColumn("embedding");
        foreach (var m in metrics)
        {
            table.AddColumn(new TableColumn(MetricNames.Title(m)).RightAligned());
        }

        foreach (var (name, values) in rows)
        {
            table.AddRow([name, .. metrics.Select(m => values.GetValueOrDefault(m, double.NaN)
                .ToString("F4", CultureInfo.InvariantCulture))]);
        }

        console.Write(table);
    }

    private static string Slug(TrainConfig c) =>
        c.Features is null ? c.Dataset : Path.GetFileNameWithoutExtension(c.Features.Replace(".gz", "",
            StringComparison.OrdinalIgnoreCase));
}
