using Tango.Core;
using Tango.Data;

namespace Tango.Cli;

/// <summary>The data of a training run: the dataset, its split, and the two parts as tensors.</summary>
internal sealed class TrainData
{
    private TrainData(LabeledDataset dataset, int[] trainRows, int[] testRows, string splitText)
    {
        Dataset = dataset;
        var train = dataset.Subset(trainRows);
        var test = dataset.Subset(testRows);
        TrainFeatures = train.FeatureTensor();
        TestFeatures = test.FeatureTensor();
        // Training labels become 0..k−1 (proxy and classifier losses index classes by label).
        TrainClasses = [.. train.Labels.Distinct().Order()];
        TrainLabels = [.. train.Labels.Select(y => Array.BinarySearch(TrainClasses, y))];
        TestLabels = test.Labels;
        SplitText = splitText;
    }

    public LabeledDataset Dataset { get; }

    public Tensor TrainFeatures { get; }

    public int[] TrainLabels { get; }

    public int[] TrainClasses { get; }

    public Tensor TestFeatures { get; }

    public int[] TestLabels { get; }

    public string SplitText { get; }

    public int Features => Dataset.Cols;

    public static TrainData Load(TrainConfig config)
    {
        var dataset = Read(config);
        if (config.Limit is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit, "--limit");
            dataset = dataset.Subset([.. Enumerable.Range(0, Math.Min(limit, dataset.Rows))]);
        }

        var (train, test, text) = config.Split.ToLowerInvariant() switch
        {
            "classes" => ByClass(dataset, config.TrainClasses),
            "stratified" => Stratified(dataset, config.TestFraction, config.Seed),
            _ => throw new ArgumentException($"--split must be 'classes' or 'stratified'; got '{config.Split}'."),
        };
        if (train.Length == 0 || test.Length == 0)
        {
            throw new ArgumentException($"The split leaves {train.Length} training and {test.Length} held-out rows; " +
                "both need some.");
        }

        return new TrainData(dataset, train, test, text);
    }

    private static LabeledDataset Read(TrainConfig config)
    {
        if (config.Features is null)
        {
            if (config.Labels is not null)
            {
                throw new ArgumentException("--labels needs --features.");
            }

            return EmbeddedDatasets.ByName(config.Dataset);
        }

        string labelsPath = config.Labels ?? (config.LabelColumn is not null ? config.Features
            : throw new ArgumentException("--features needs --labels (or --label-column for a CSV with labels)."));
        var x = FeatureFile.Read(config.Features, config.LabelColumn);
        if (!File.Exists(labelsPath))
        {
            throw new FileNotFoundException($"Label file '{labelsPath}' does not exist.", labelsPath);
        }

        var labels = LabelFile.Read(labelsPath, new LabelFileOptions { Column = config.LabelColumn });
        if (labels.Labels.Length != x.Dim(0))
        {
            throw new InvalidDataException($"'{config.Features}' has {x.Dim(0)} rows but '{labelsPath}' has " +
                $"{labels.Labels.Length} labels; they must match row for row.");
        }

        return new LabeledDataset(Path.GetFileName(config.Features), x.ToArray(), x.Dim(0), x.Dim(1), labels.Labels,
            labels.ClassNames);
    }

    private static (int[], int[], string) ByClass(LabeledDataset data, IReadOnlyList<string>? names)
    {
        HashSet<int> trainClasses;
        if (names is null)
        {
            trainClasses = [.. Enumerable.Range(0, (data.ClassCount + 1) / 2)];
        }
        else
        {
            trainClasses = [.. names.Select(n => Array.IndexOf(data.ClassNames, n) is >= 0 and var i ? i
                : throw new ArgumentException($"--train-classes: '{n}' is not a class of {data.Name}; its classes " +
                    $"are {string.Join(", ", data.ClassNames)}."))];
        }

        var (train, test) = Splits.ClassDisjoint(data.Labels, trainClasses);
        var held = Enumerable.Range(0, data.ClassCount).Where(c => !trainClasses.Contains(c));
        string text = $"classes {string.Join(",", trainClasses.Order().Select(c => data.ClassNames[c]))} train, " +
            $"{string.Join(",", held.Select(c => data.ClassNames[c]))} held out (unseen)";
        return (train, test, text);
    }

    private static (int[], int[], string) Stratified(LabeledDataset data, double fraction, ulong seed)
    {
        if (!(fraction > 0 && fraction < 1))
        {
            throw new ArgumentException($"--test-fraction must be between 0 and 1; got {fraction}.");
        }

        var (train, test) = Splits.Stratified(data.Labels, fraction, seed);
        return (train, test, $"stratified, {fraction:P0} of each class held out");
    }
}
