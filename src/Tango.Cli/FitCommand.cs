using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Tango.Core.IO;
using Tango.Mahalanobis;

namespace Tango.Cli;

/// <summary>
/// `tango fit &lt;learner&gt;`: fits a Mahalanobis learner on a built-in dataset (iris, wine, digits) or the user's
/// CSV/.npy, prints cross-validated 1-NN and 3-NN accuracy with Euclidean distance and in the learned space (the
/// learner is refitted on each fold's training rows), and optionally saves the components L fitted on all rows.
/// </summary>
internal static class FitCommand
{
    private static readonly string[] LearnerNames =
        ["covariance", "lfda", "nca", "mlkr", "lmnn", "itml", "mmc", "rca", "lsml", "sdml", "scml"];

    // Which learner takes which learner option (the rest are rejected with a message, never silently ignored).
    private static readonly Dictionary<string, string[]> Accepts = new()
    {
        ["covariance"] = [],
        ["lfda"] = ["--components", "--neighbors"],
        ["nca"] = ["--components", "--init", "--max-iterations", "--tolerance", "--seed"],
        ["mlkr"] = ["--components", "--init", "--max-iterations", "--tolerance", "--seed"],
        ["lmnn"] = ["--components", "--init", "--neighbors", "--max-iterations", "--tolerance", "--learning-rate",
            "--regularization", "--seed"],
        ["itml"] = ["--gamma", "--max-iterations", "--tolerance", "--constraints", "--seed"],
        ["mmc"] = ["--max-iterations", "--tolerance", "--constraints", "--diagonal", "--seed"],
        ["rca"] = ["--components", "--chunks", "--chunk-size", "--seed"],
        ["lsml"] = ["--max-iterations", "--tolerance", "--constraints", "--seed"],
        ["sdml"] = ["--balance", "--sparsity", "--constraints", "--seed"],
        ["scml"] = ["--neighbors", "--max-iterations", "--seed"],
    };

    public static Command Build()
    {
        var o = new FitOptions();
        var command = new Command("fit", "Fit a Mahalanobis metric learner and compare k-NN accuracy before/after.")
        {
            o.Learner, o.Dataset, o.Data, o.Labels, o.Folds, o.FoldSeed, o.Save, o.Components, o.Init, o.MaxIterations,
            o.Tolerance, o.Seed, o.Neighbors, o.LearningRate, o.Regularization, o.Constraints, o.Gamma, o.Diagonal,
            o.Balance, o.Sparsity, o.Chunks, o.ChunkSize,
        };
        command.SetAction(parse => Run(parse, o));
        return command;
    }

    private static int Run(ParseResult parse, FitOptions o)
    {
        try
        {
            string learner = parse.GetValue(o.Learner)!.ToLowerInvariant();
            if (!Accepts.TryGetValue(learner, out var accepted))
            {
                throw new ArgumentException(
                    $"unknown learner '{learner}'; expected one of {string.Join(", ", LearnerNames)}.");
            }

            foreach (var option in o.LearnerOptions.Where(opt => parse.GetResult(opt) is { Implicit: false }))
            {
                if (!accepted.Contains(option.Name))
                {
                    throw new ArgumentException($"{option.Name} does not apply to {learner} (it takes " +
                        $"{(accepted.Length == 0 ? "no learner options" : string.Join(", ", accepted))}).");
                }
            }

            var data = LoadData(parse, o);
            int folds = parse.GetValue(o.Folds);
            int smallest = data.Labels.GroupBy(l => l).Min(g => g.Count());
            if (folds < 2 || folds > smallest)
            {
                throw new ArgumentException($"--folds {folds} must be in [2, {smallest}] (the smallest class of " +
                    $"{data.Name} has {smallest} rows).");
            }

            var make = () => FitOptions.Create(learner, parse, o);
            make(); // validates the parameters before any work
            return Report(learner, data, make, parse, o);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IOException or NpyFormatException
            or InvalidOperationException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"tango fit: {e.Message}");
            return 2;
        }
    }

    private static int Report(string learner, LabeledDataset data, Func<SupervisedMahalanobisLearner> make,
        ParseResult parse, FitOptions o)
    {
        int folds = parse.GetValue(o.Folds);
        ulong foldSeed = parse.GetValue(o.FoldSeed);
        var foldRows = KnnClassifier.StratifiedFolds(data.Labels, folds, foldSeed);
        Console.WriteLine($"{learner} on {data.Name}: {data.Count} samples, {data.FeatureCount} features, " +
            $"{data.ClassNames.Count} classes; {folds} stratified folds (seed {foldSeed})");
        var before = KnnCrossValidation.Run(null, data.Features, data.Labels, foldRows, 1, 3);
        var sw = Stopwatch.StartNew();
        var after = KnnCrossValidation.Run(make, data.Features, data.Labels, foldRows, 1, 3);
        double cvSeconds = sw.Elapsed.TotalSeconds;
        Console.WriteLine($"{"",-12}{"1-NN",8}{"3-NN",8}");
        Console.WriteLine($"{"Euclidean",-12}{before[0],8:F4}{before[1],8:F4}");
        Console.WriteLine($"{learner,-12}{after[0],8:F4}{after[1],8:F4}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"change      {after[0] - before[0],8:+0.0000;-0.0000}{after[1] - before[1],8:+0.0000;-0.0000}" +
            $"   ({folds} fits in {cvSeconds:F2} s)"));
        string? save = parse.GetValue(o.Save);
        if (save is not null)
        {
            var full = make();
            full.Fit(data.Features, data.Labels);
            var l = full.Components;
            var flat = new double[l.Length];
            Buffer.BlockCopy(l, 0, flat, 0, flat.Length * sizeof(double));
            Npy.Write(save, flat, l.GetLength(0), l.GetLength(1));
            Console.WriteLine($"saved L ({l.GetLength(0)} x {l.GetLength(1)}, fitted on all {data.Count} rows) " +
                $"to {save}");
        }

        return 0;
    }

    private static LabeledDataset LoadData(ParseResult parse, FitOptions o)
    {
        string? path = parse.GetValue(o.Data);
        string? labels = parse.GetValue(o.Labels);
        if (path is null)
        {
            if (labels is not null)
            {
                throw new ArgumentException("--labels goes with --data (a built-in dataset has its own labels).");
            }

            return LabeledDataset.Builtin(parse.GetValue(o.Dataset)!);
        }

        if (parse.GetResult(o.Dataset) is { Implicit: false })
        {
            throw new ArgumentException("give either --dataset or --data, not both.");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file.");
        }

        if (!path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
        {
            if (labels is not null)
            {
                throw new ArgumentException($"--labels is for .npy features; {path} is read as CSV with the label " +
                    "in the last column.");
            }

            return LabeledDataset.ReadCsv(path);
        }

        return FromNpy(path, labels ?? throw new ArgumentException(
            $"{path} holds only features; give the class of each row with --labels FILE.npy."));
    }

    private static LabeledDataset FromNpy(string path, string labelPath)
    {
        var array = Npy.Read(path);
        if (array.Shape.Length != 2)
        {
            throw new FormatException($"{path}: expected a 2-D (samples, features) array, got shape " +
                $"({string.Join(", ", array.Shape.ToArray())}).");
        }

        var (n, d) = (array.Shape[0], array.Shape[1]);
        var values = array.DType == NpyDType.Float64 ? array.GetData<double>()
            : Array.ConvertAll(array.ToFloat32(), v => (double)v);
        var x = new double[n, d];
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new FormatException($"{path}: row {i / d}, column {i % d} is {values[i]}; features must be " +
                    "finite.");
            }

            x[i / d, i % d] = values[i];
        }

        var labelArray = Npy.Read(labelPath);
        if (labelArray.Shape.Length != 1 || labelArray.Shape[0] != n ||
            labelArray.DType is NpyDType.Float32 or NpyDType.Float64)
        {
            throw new FormatException($"{labelPath}: expected {n} integer labels (1-D int32/int64/uint8), got " +
                $"{labelArray.DType} of shape ({string.Join(", ", labelArray.Shape.ToArray())}).");
        }

        var y = Array.ConvertAll(labelArray.ToInt64(), v => checked((int)v));
        return new LabeledDataset(Path.GetFileNameWithoutExtension(path), x, y);
    }

    // The command's arguments and options, and the learner they describe.
    private sealed class FitOptions
    {
        public Argument<string> Learner { get; } = new("learner")
        {
            Description = $"Learner: {string.Join(", ", LearnerNames)} (the supervised variant where there are two).",
        };

        public Option<string> Dataset { get; } = new("--dataset")
        {
            Description = "Built-in dataset: iris, wine or digits.", DefaultValueFactory = _ => "iris",
        };

        public Option<string?> Data { get; } = new("--data")
        {
            Description = "Your data: CSV (features then an integer label per row; an optional 'n,d,class names' " +
                "header line) or a 2-D .npy of features with --labels.",
        };

        public Option<string?> Labels { get; } = new("--labels") { Description = "1-D integer .npy of labels." };

        public Option<int> Folds { get; } = new("--folds")
        {
            Description = "Stratified cross-validation folds.", DefaultValueFactory = _ => 5,
        };

        public Option<ulong> FoldSeed { get; } = new("--fold-seed")
        {
            Description = "Seed of the fold assignment.", DefaultValueFactory = _ => 0,
        };

        public Option<string?> Save { get; } = new("--save")
        {
            Description = "Write the components L (fitted on all rows) to this .npy file.",
        };

        public Option<int?> Components { get; } = new("--components") { Description = "Output dimension of L." };

        public Option<ComponentInit?> Init { get; } = new("--init")
        {
            Description = "Initial L: Auto, Identity, Random, Pca, Lda.",
        };

        public Option<int?> MaxIterations { get; } = new("--max-iterations") { Description = "Iteration limit." };

        public Option<double?> Tolerance { get; } = new("--tolerance") { Description = "Convergence tolerance." };

        public Option<ulong?> Seed { get; } = new("--seed") { Description = "Seed of the learner's random choices." };

        public Option<int?> Neighbors { get; } = new("--neighbors")
        {
            Description = "Target neighbours (LMNN k, LFDA's local-scaling k, SCML's genuine k).",
        };

        public Option<double?> LearningRate { get; } = new("--learning-rate") { Description = "LMNN step size." };

        public Option<double?> Regularization { get; } = new("--regularization")
        {
            Description = "LMNN pull/push balance.",
        };

        public Option<int?> Constraints { get; } = new("--constraints")
        {
            Description = "Number of sampled constraints (pairs or quadruplets).",
        };

        public Option<double?> Gamma { get; } = new("--gamma") { Description = "ITML slack trade-off." };

        public Option<bool> Diagonal { get; } = new("--diagonal") { Description = "MMC: learn a diagonal metric." };

        public Option<double?> Balance { get; } = new("--balance") { Description = "SDML balance parameter." };

        public Option<double?> Sparsity { get; } = new("--sparsity") { Description = "SDML sparsity parameter." };

        public Option<int?> Chunks { get; } = new("--chunks") { Description = "RCA number of chunks." };

        public Option<int?> ChunkSize { get; } = new("--chunk-size") { Description = "RCA points per chunk." };

        public IEnumerable<Option> LearnerOptions =>
        [
            Components, Init, MaxIterations, Tolerance, Seed, Neighbors, LearningRate, Regularization, Constraints,
            Gamma, Diagonal, Balance, Sparsity, Chunks, ChunkSize,
        ];

        // The learner with the user's values where given and the library's (metric-learn's) defaults otherwise.
        public static SupervisedMahalanobisLearner Create(string learner, ParseResult p, FitOptions o)
        {
            ulong seed = p.GetValue(o.Seed) ?? 0;
            var init = p.GetValue(o.Init) ?? ComponentInit.Auto;
            return learner switch
            {
                "covariance" => new Covariance(),
                "lfda" => new Lfda(p.GetValue(o.Components), p.GetValue(o.Neighbors)),
                "nca" => new Nca(p.GetValue(o.Components), init, p.GetValue(o.MaxIterations) ?? 100,
                    p.GetValue(o.Tolerance), seed),
                "mlkr" => new Mlkr(p.GetValue(o.Components), init, p.GetValue(o.Tolerance),
                    p.GetValue(o.MaxIterations) ?? 1000, seed),
                "lmnn" => new Lmnn(p.GetValue(o.Components), init, p.GetValue(o.Neighbors) ?? 3,
                    maxIterations: p.GetValue(o.MaxIterations) ?? 1000,
                    learningRate: p.GetValue(o.LearningRate) ?? 1e-7,
                    regularization: p.GetValue(o.Regularization) ?? 0.5, tolerance: p.GetValue(o.Tolerance) ?? 1e-3,
                    seed: seed, minIterations: Math.Min(50, p.GetValue(o.MaxIterations) ?? 50)),
                "itml" => new ItmlSupervised(p.GetValue(o.Gamma) ?? 1.0, p.GetValue(o.MaxIterations) ?? 1000,
                    p.GetValue(o.Tolerance) ?? 1e-3, p.GetValue(o.Constraints), seed: seed),
                "mmc" => new MmcSupervised(p.GetValue(o.MaxIterations) ?? 100,
                    tolerance: p.GetValue(o.Tolerance) ?? 1e-6,
                    constraintCount: p.GetValue(o.Constraints), diagonal: p.GetValue(o.Diagonal), seed: seed),
                "rca" => new RcaSupervised(p.GetValue(o.Components), p.GetValue(o.Chunks) ?? 100,
                    p.GetValue(o.ChunkSize) ?? 2, seed: seed),
                "lsml" => new LsmlSupervised(p.GetValue(o.Tolerance) ?? 1e-3, p.GetValue(o.MaxIterations) ?? 1000,
                    constraintCount: p.GetValue(o.Constraints), seed: seed),
                "sdml" => new SdmlSupervised(p.GetValue(o.Balance) ?? 0.5, p.GetValue(o.Sparsity) ?? 0.01,
                    constraintCount: p.GetValue(o.Constraints), seed: seed),
                "scml" => new ScmlSupervised(p.GetValue(o.Neighbors) ?? 3, maxIterations: p.GetValue(o.MaxIterations)
                    ?? 10000, seed: seed),
                _ => throw new ArgumentException($"unknown learner '{learner}'."),
            };
        }
    }
}
