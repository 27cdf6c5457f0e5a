using System.Globalization;
using System.Text;

namespace Tango.Evaluation;

/// <summary>
/// What <see cref="AccuracyCalculator"/> measured: one value per requested metric (NaN where a metric was not
/// requested or no query could be scored), precision@k and recall@k per k, per-class values of the k-NN metrics,
/// and the bookkeeping that explains them (k, lone labels).
/// </summary>
public sealed class AccuracyReport
{
    private readonly Dictionary<AccuracyMetric, double> _values;
    private readonly Dictionary<AccuracyMetric, IReadOnlyDictionary<int, double>> _perClass;

    internal AccuracyReport(Dictionary<AccuracyMetric, double> values,
        Dictionary<AccuracyMetric, IReadOnlyDictionary<int, double>> perClass,
        IReadOnlyDictionary<int, double> precisionAtK,
        IReadOnlyDictionary<int, double> recallAtK, int k, int queryCount, int scoredQueryCount, int[] loneLabels)
    {
        _values = values;
        _perClass = perClass;
        PrecisionAtK = precisionAtK;
        RecallAtK = recallAtK;
        K = k;
        QueryCount = queryCount;
        ScoredQueryCount = scoredQueryCount;
        LoneLabels = loneLabels;
    }

    /// <summary>The value of <paramref name="metric"/> (NaN if not computed; not for the @k metrics).</summary>
    public double this[AccuracyMetric metric] => _values.GetValueOrDefault(metric, double.NaN);

    /// <summary>Precision@1.</summary>
    public double PrecisionAt1 => this[AccuracyMetric.PrecisionAt1];

    /// <summary>R-precision.</summary>
    public double RPrecision => this[AccuracyMetric.RPrecision];

    /// <summary>MAP@R.</summary>
    public double MeanAveragePrecisionAtR => this[AccuracyMetric.MeanAveragePrecisionAtR];

    /// <summary>MAP over the k neighbours.</summary>
    public double MeanAveragePrecision => this[AccuracyMetric.MeanAveragePrecision];

    /// <summary>Mean reciprocal rank.</summary>
    public double MeanReciprocalRank => this[AccuracyMetric.MeanReciprocalRank];

    /// <summary>Normalised mutual information of labels and a k-means clustering of the queries.</summary>
    public double Nmi => this[AccuracyMetric.Nmi];

    /// <summary>Adjusted mutual information of labels and a k-means clustering of the queries.</summary>
    public double Ami => this[AccuracyMetric.Ami];

    /// <summary>Precision@k by k.</summary>
    public IReadOnlyDictionary<int, double> PrecisionAtK { get; }

    /// <summary>Recall@k (at least one same-label neighbour within k) by k.</summary>
    public IReadOnlyDictionary<int, double> RecallAtK { get; }

    /// <summary>The number of neighbours the k-NN metrics used.</summary>
    public int K { get; }

    /// <summary>The number of queries.</summary>
    public int QueryCount { get; }

    /// <summary>Queries scored by the k-NN metrics (those without a lone label).</summary>
    public int ScoredQueryCount { get; }

    /// <summary>Query labels with no relevant reference, left out of the k-NN metrics (ascending).</summary>
    public IReadOnlyList<int> LoneLabels { get; }

    /// <summary>The per-class means of a k-NN metric (label → value), over the scored queries' classes.</summary>
    public IReadOnlyDictionary<int, double> PerClass(AccuracyMetric metric) =>
        _perClass.TryGetValue(metric, out var v) ? v : new Dictionary<int, double>();

    /// <summary>One line per computed metric, for logs.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var (metric, value) in _values)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"{metric,-24} {value:F4}");
        }

        foreach (var (k, value) in PrecisionAtK)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"{"Precision@" + k,-24} {value:F4}");
        }

        foreach (var (k, value) in RecallAtK)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"{"Recall@" + k,-24} {value:F4}");
        }

        return sb.ToString();
    }
}
