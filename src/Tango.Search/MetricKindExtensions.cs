namespace Tango.Search;

/// <summary>Direction of a <see cref="MetricKind"/>.</summary>
public static class MetricKindExtensions
{
    /// <summary>True when larger scores mean closer (inner product, cosine); false for distances.</summary>
    public static bool IsSimilarity(this MetricKind metric) => metric switch
    {
        MetricKind.InnerProduct or MetricKind.Cosine => true,
        MetricKind.SquaredL2 or MetricKind.L2 => false,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown MetricKind."),
    };

    /// <summary>The score a missing neighbour gets: −∞ for similarities, +∞ for distances.</summary>
    public static float WorstScore(this MetricKind metric) =>
        metric.IsSimilarity() ? float.NegativeInfinity : float.PositiveInfinity;
}
