using System.CommandLine;
using System.Globalization;

namespace Tango.Cli;

/// <summary>
/// `tango train`: trains an embedding MLP with a metric loss and writes a run folder. With no arguments: MNIST-10k,
/// digits 0–4 for training and 5–9 held out, MLP 784→256→128 with L2-normalised output, multi-similarity loss and
/// miner, m-per-class batches, AdamW with a cosine schedule, seed 0.
/// </summary>
internal static class TrainCommand
{
    private static readonly TrainConfig Defaults = new();

    public static Command Build()
    {
        var o = new Options();
        var command = new Command("train", "Train an embedding model with a metric-learning loss and write a run " +
            "folder (config.json, model.safetensors, metrics.json, embeddings.npy, report.html). With no options: " +
            "MNIST-10k, digits 0-4 to train, 5-9 held out to measure retrieval on unseen classes.");
        foreach (var option in o.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => CliErrors.Guard("train", () => TrainRun.Execute(o.ToConfig(parse),
            parse.GetValue(o.Output), parse.GetValue(o.Resume), parse.GetResult(o.Epochs) is { Implicit: false },
            parse.GetValue(o.Quiet), parse.GetValue(o.StopAfter))));
        return command;
    }

    private sealed class Options
    {
        public Option<string> Data { get; } = new("--data")
        {
            Description = "Embedded dataset: mnist10k, digits, iris, wine, breast-cancer (ignored with --features).",
            DefaultValueFactory = _ => Defaults.Dataset,
        };

        public Option<string?> Features { get; } = new("--features")
        {
            Description = "Your feature matrix: .npy, .npy.gz, or .csv/.tsv (one row per example).",
        };

        public Option<string?> Labels { get; } = new("--labels")
        {
            Description = "Labels of --features, one per row: .npy, .csv/.tsv (column 'label' or the only one), .jsonl.",
        };

        public Option<string?> LabelColumn { get; } = new("--label-column")
        {
            Description = "Name of the label column when labels sit in a CSV (it is then left out of the features).",
        };

        public Option<string> Split { get; } = new("--split")
        {
            Description = "How to hold out data: 'classes' (train on some classes, evaluate on unseen ones) or " +
                "'stratified' (a random share of every class).",
            DefaultValueFactory = _ => Defaults.Split,
        };

        public Option<string[]> TrainClasses { get; } = new("--train-classes")
        {
            Description = "With --split classes: the training classes by name, comma-separated (default: the first " +
                "half, e.g. digits 0-4). The rest are held out.",
            AllowMultipleArgumentsPerToken = true,
        };

        public Option<double> TestFraction { get; } = new("--test-fraction")
        {
            Description = "With --split stratified: the share of each class held out.",
            DefaultValueFactory = _ => Defaults.TestFraction,
        };

        public Option<int?> Limit { get; } = new("--limit")
        {
            Description = "Use only the first N rows of the data (quick experiments).",
        };

        public Option<string> InputNorm { get; } = new("--input-norm")
        {
            Description = "Input normalisation, part of the model: 'global' ((x − mean)/std over all training " +
                "values, as MNIST's usual Normalize(0.1307, 0.3081)) or 'none'.",
            DefaultValueFactory = _ => Defaults.InputNorm,
        };

        public Option<string> Hidden { get; } = new("--hidden")
        {
            Description = "Hidden layer widths, comma-separated ('' or 'none' for a linear map).",
            DefaultValueFactory = _ => string.Join(',', Defaults.Hidden),
        };

        public Option<int> EmbeddingDim { get; } = new("--embedding-dim")
        {
            Description = "Width of the embedding.",
            DefaultValueFactory = _ => Defaults.EmbeddingDim,
        };

        public Option<bool> NoNormalize { get; } = new("--no-normalize")
        {
            Description = "Do not L2-normalise the embeddings.",
        };

        public Option<string> Loss { get; } = new("--loss")
        {
            Description = "Loss by catalogue name (see `tango list --kind loss`).",
            DefaultValueFactory = _ => Defaults.Loss,
        };

        public Option<string[]> LossParam { get; } = new("--loss-param")
        {
            Description = "A loss parameter as name=value (repeatable), e.g. --loss-param margin=0.1.",
        };

        public Option<string> Miner { get; } = new("--miner")
        {
            Description = "Miner by catalogue name, or 'none' for all pairs/triplets.",
            DefaultValueFactory = _ => Defaults.Miner,
        };

        public Option<string[]> MinerParam { get; } = new("--miner-param")
        {
            Description = "A miner parameter as name=value (repeatable).",
        };

        public Option<string?> Distance { get; } = new("--distance")
        {
            Description = "Distance of the loss and the miner by catalogue name (default: each one's own), e.g. " +
                "LpDistance or CosineSimilarity.",
        };

        public Option<string> Sampler { get; } = new("--sampler")
        {
            Description = "Batch sampler: 'm-per-class' or 'clustered' (hard batches from k-means of the current " +
                "embeddings, NGAME-style).",
            DefaultValueFactory = _ => Defaults.Sampler,
        };

        public Option<int> M { get; } = new("--m")
        {
            Description = "m-per-class: examples of each class per batch (must divide --batch-size).",
            DefaultValueFactory = _ => Defaults.M,
        };

        public Option<int> BatchSize { get; } = new("--batch-size")
        {
            Description = "Examples per batch.",
            DefaultValueFactory = _ => Defaults.BatchSize,
        };

        public Option<int?> SamplesPerEpoch { get; } = new("--samples-per-epoch")
        {
            Description = "m-per-class: examples drawn per epoch (default: the training set size).",
        };

        public Option<int> ClusterSize { get; } = new("--cluster-size")
        {
            Description = "clustered: rows per k-means cluster.",
            DefaultValueFactory = _ => Defaults.ClusterSize,
        };

        public Option<int> RefreshEvery { get; } = new("--refresh-every")
        {
            Description = "clustered: re-cluster every N epochs.",
            DefaultValueFactory = _ => Defaults.RefreshEvery,
        };

        public Option<int> Epochs { get; } = new("--epochs")
        {
            Description = "Epochs in total (with --resume: train on until this many).",
            DefaultValueFactory = _ => Defaults.Epochs,
        };

        public Option<float> Lr { get; } = new("--lr")
        {
            Description = "AdamW learning rate.",
            DefaultValueFactory = _ => Defaults.LearningRate,
        };

        public Option<float> WeightDecay { get; } = new("--weight-decay")
        {
            Description = "AdamW decoupled weight decay.",
            DefaultValueFactory = _ => Defaults.WeightDecay,
        };

        public Option<string> Schedule { get; } = new("--schedule")
        {
            Description = "Learning-rate schedule: 'cosine' (to 0 over the run) or 'constant'.",
            DefaultValueFactory = _ => Defaults.Schedule,
        };

        public Option<int> Warmup { get; } = new("--warmup")
        {
            Description = "Linear warm-up steps before the schedule.",
            DefaultValueFactory = _ => Defaults.WarmupSteps,
        };

        public Option<float?> MaxGradNorm { get; } = new("--max-grad-norm")
        {
            Description = "Clip the gradient norm to this value.",
        };

        public Option<int> EvalEvery { get; } = new("--eval-every")
        {
            Description = "Evaluate on the held-out set every N epochs (0: only before and after).",
            DefaultValueFactory = _ => Defaults.EvalEvery,
        };

        public Option<string?> EarlyStopping { get; } = new("--early-stopping")
        {
            Description = "Stop when this held-out metric stops improving: map@r, p@1, r-precision, nmi, ami, ...; " +
                "the best weights are kept.",
        };

        public Option<int> Patience { get; } = new("--patience")
        {
            Description = "Early stopping: evaluations without improvement before stopping.",
            DefaultValueFactory = _ => Defaults.Patience,
        };

        public Option<ulong> Seed { get; } = new("--seed")
        {
            Description = "Seed of every random choice (initial weights, batches, split).",
            DefaultValueFactory = _ => Defaults.Seed,
        };

        public Option<int> Threads { get; } = new("--threads")
        {
            Description = "Threads for matrix products (results are reproducible for a given thread count).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };

        public Option<string?> Output { get; } = new("--output", "-o")
        {
            Description = "Run folder (default: runs/<dataset>-<time>).",
        };

        public Option<bool> Resume { get; } = new("--resume")
        {
            Description = "Continue the run in --output from its checkpoint, with its config.json (only --epochs " +
                "may change); the result is bit-identical to an uninterrupted run.",
        };

        public Option<int?> StopAfter { get; } = new("--stop-after")
        {
            Description = "Stop after this epoch as if interrupted (the schedule still spans --epochs); continue " +
                "later with --resume.",
        };

        public Option<bool> Quiet { get; } = new("--quiet", "-q")
        {
            Description = "No progress output; only the final table.",
        };

        public IEnumerable<Option> All =>
        [
            Data, Features, Labels, LabelColumn, Split, TrainClasses, TestFraction, Limit, InputNorm, Hidden, EmbeddingDim,
            NoNormalize, Loss, LossParam, Miner, MinerParam, Distance, Sampler, M, BatchSize, SamplesPerEpoch,
            ClusterSize, RefreshEvery, Epochs, Lr, WeightDecay, Schedule, Warmup, MaxGradNorm, EvalEvery,
            EarlyStopping, Patience, Seed, Threads, Output, Resume, StopAfter, Quiet,
        ];

        public TrainConfig ToConfig(ParseResult p) => new()
        {
            Dataset = p.GetValue(Data)!,
            Features = p.GetValue(Features),
            Labels = p.GetValue(Labels),
            LabelColumn = p.GetValue(LabelColumn),
            Split = p.GetValue(Split)!,
            TrainClasses = p.GetValue(TrainClasses) is { Length: > 0 } classes
                ? [.. classes.SelectMany(c => c.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))]
                : null,
            TestFraction = p.GetValue(TestFraction),
            Limit = p.GetValue(Limit),
            InputNorm = p.GetValue(InputNorm)!,
            Hidden = ParseWidths(p.GetValue(Hidden)!),
            EmbeddingDim = p.GetValue(EmbeddingDim),
            Normalize = !p.GetValue(NoNormalize),
            Loss = p.GetValue(Loss)!,
            LossParams = p.GetValue(LossParam) ?? [],
            Miner = p.GetValue(Miner)!,
            MinerParams = p.GetValue(MinerParam) ?? [],
            Distance = p.GetValue(Distance),
            Sampler = p.GetValue(Sampler)!,
            M = p.GetValue(M),
            BatchSize = p.GetValue(BatchSize),
            SamplesPerEpoch = p.GetValue(SamplesPerEpoch),
            ClusterSize = p.GetValue(ClusterSize),
            RefreshEvery = p.GetValue(RefreshEvery),
            Epochs = p.GetValue(Epochs),
            LearningRate = p.GetValue(Lr),
            WeightDecay = p.GetValue(WeightDecay),
            Schedule = p.GetValue(Schedule)!,
            WarmupSteps = p.GetValue(Warmup),
            MaxGradNorm = p.GetValue(MaxGradNorm),
            EvalEvery = p.GetValue(EvalEvery),
            EarlyStoppingMetric = p.GetValue(EarlyStopping),
            Patience = p.GetValue(Patience),
            Seed = p.GetValue(Seed),
            Threads = p.GetValue(Threads),
        };

        private static int[] ParseWidths(string text)
        {
            if (string.IsNullOrWhiteSpace(text) || text.Trim() == "none")
            {
                return [];
            }

            return [.. text.Split(',', StringSplitOptions.TrimEntries).Select(s =>
                int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int w) && w > 0 ? w
                    : throw new ArgumentException($"--hidden: '{s}' is not a positive width; write e.g. 256,128."))];
        }
    }
}
