using Tango.Evaluation;

namespace Tango.Training.Reporting;

/// <summary>What <see cref="HtmlReport"/> shows.</summary>
public sealed class ReportContent
{
    /// <summary>The page title.</summary>
    public required string Title { get; init; }

    /// <summary>Settings shown as a two-column table (name, value), in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Settings { get; init; } = [];

    /// <summary>The training history (epoch 0 = before training).</summary>
    public IReadOnlyList<EpochRecord> History { get; init; } = [];

    /// <summary>The before/after table: one row per embedding (e.g. raw features, untrained, trained).</summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyDictionary<AccuracyMetric, double>>> Comparison { get; init; }
        = [];

    /// <summary>Held-out labels of the scatter points.</summary>
    public IReadOnlyList<int> ScatterLabels { get; init; } = [];

    /// <summary>Class names by label.</summary>
    public IReadOnlyList<string> ClassNames { get; init; } = [];

    /// <summary>2-D PCA coordinates (n, 2) of the held-out points before training, or null.</summary>
    public float[]? ScatterBefore { get; init; }

    /// <summary>2-D PCA coordinates (n, 2) of the held-out points after training, or null.</summary>
    public float[]? ScatterAfter { get; init; }

    /// <summary>A line under the title (what was trained on what, how long it took).</summary>
    public string? Summary { get; init; }
}
