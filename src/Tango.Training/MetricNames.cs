using Tango.Evaluation;

namespace Tango.Training;

/// <summary>
/// The names metrics carry in files and on the command line (pytorch-metric-learning's keys, so that a metrics.json
/// reads like PML's output) and their short column titles.
/// </summary>
public static class MetricNames
{
    private static readonly (AccuracyMetric Metric, string Key, string Title)[] Table =
    [
        (AccuracyMetric.PrecisionAt1, "precision_at_1", "P@1"),
        (AccuracyMetric.RPrecision, "r_precision", "R-precision"),
        (AccuracyMetric.MeanAveragePrecisionAtR, "mean_average_precision_at_r", "MAP@R"),
        (AccuracyMetric.MeanAveragePrecision, "mean_average_precision", "MAP"),
        (AccuracyMetric.MeanReciprocalRank, "mean_reciprocal_rank", "MRR"),
        (AccuracyMetric.Nmi, "NMI", "NMI"),
        (AccuracyMetric.Ami, "AMI", "AMI"),
    ];

    /// <summary>The metrics that have a single value (all but the @k families).</summary>
    public static IEnumerable<AccuracyMetric> SingleValued => Table.Select(t => t.Metric);

    /// <summary>PML's key, e.g. "mean_average_precision_at_r".</summary>
    public static string Key(AccuracyMetric metric) => Find(metric).Key;

    /// <summary>A short title, e.g. "MAP@R".</summary>
    public static string Title(AccuracyMetric metric) => Find(metric).Title;

    /// <summary>
    /// The metric named by <paramref name="text"/>: PML's key, the short title, the enum name, or a shorthand
    /// ("map@r", "p@1"), case-insensitive.
    /// </summary>
    public static AccuracyMetric Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim();
        foreach (var (metric, key, title) in Table)
        {
            if (t.Equals(key, StringComparison.OrdinalIgnoreCase) || t.Equals(title, StringComparison.OrdinalIgnoreCase)
                || t.Equals(metric.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return metric;
            }
        }

        throw new ArgumentException($"Unknown metric '{text}'; use one of " +
            $"{string.Join(", ", Table.Select(x => x.Key))} (or {string.Join(", ", Table.Select(x => x.Title))}).");
    }

    private static (AccuracyMetric Metric, string Key, string Title) Find(AccuracyMetric metric)
    {
        foreach (var row in Table)
        {
            if (row.Metric == metric)
            {
                return row;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(metric), metric, "This metric has one value per k.");
    }
}
