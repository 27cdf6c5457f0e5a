using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tango.Cli;

/// <summary>
/// Every choice of a `tango train` run: written as the run folder's config.json, read back by --resume and by
/// `tango embed`. With the same config, data and thread count a run reproduces bit for bit.
/// </summary>
internal sealed record TrainConfig
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string Tango { get; init; } = typeof(TrainConfig).Assembly.GetName().Version?.ToString() ?? "";

    public string Dataset { get; init; } = "mnist10k";

    public string? Features { get; init; }

    public string? Labels { get; init; }

    public string? LabelColumn { get; init; }

    public string Split { get; init; } = "classes";

    public IReadOnlyList<string>? TrainClasses { get; init; }

    public double TestFraction { get; init; } = 0.5;

    public int? Limit { get; init; }

    public string InputNorm { get; init; } = "global";

    public IReadOnlyList<int> Hidden { get; init; } = [256];

    public int EmbeddingDim { get; init; } = 128;

    public bool Normalize { get; init; } = true;

    public string Loss { get; init; } = "MultiSimilarityLoss";

    public IReadOnlyList<string> LossParams { get; init; } = [];

    public string Miner { get; init; } = "MultiSimilarityMiner";

    public IReadOnlyList<string> MinerParams { get; init; } = [];

    public string? Distance { get; init; }

    public string Sampler { get; init; } = "m-per-class";

    public int M { get; init; } = 10;

    public int BatchSize { get; init; } = 50;

    public int? SamplesPerEpoch { get; init; }

    public int ClusterSize { get; init; } = 32;

    public int RefreshEvery { get; init; } = 2;

    public int Epochs { get; init; } = 3;

    public float LearningRate { get; init; } = 3e-4f;

    public float WeightDecay { get; init; } = 1e-4f;

    public string Schedule { get; init; } = "cosine";

    public int WarmupSteps { get; init; }

    public float? MaxGradNorm { get; init; }

    public int EvalEvery { get; init; } = 1;

    public string? EarlyStoppingMetric { get; init; }

    public int Patience { get; init; } = 3;

    public ulong Seed { get; init; }

    public int Threads { get; init; } = Environment.ProcessorCount;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static TrainConfig Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"'{path}' does not exist; is this a run folder written by `tango train`?",
                path);
        }

        try
        {
            return JsonSerializer.Deserialize<TrainConfig>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"'{path}' holds no configuration.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{path}' is not a valid run configuration: {ex.Message}", ex);
        }
    }
}
