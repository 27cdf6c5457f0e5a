namespace Tango.Evaluation;

/// <summary>How per-query values become one number (pytorch-metric-learning's <c>avg_of_avgs</c>).</summary>
public enum AccuracyAveraging
{
    /// <summary>The mean over queries (PML's default).</summary>
    PerQuery,

    /// <summary>The mean over classes of each class's mean (PML's <c>avg_of_avgs=True</c>).</summary>
    PerClass,
}
