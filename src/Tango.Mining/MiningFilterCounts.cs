namespace Tango.Mining;

/// <summary>
/// How many candidates each step removed, in the order the steps run. The query-level counts
/// (<see cref="Positives"/> … <see cref="MinScore"/>) are per (query, candidate); the pair-level ones
/// (<see cref="Guide"/>, <see cref="FalseNegative"/>, <see cref="OutsideWindow"/>) per (query, positive,
/// candidate), since each pair filters on its own positive. A candidate is counted by the first step that drops it.
/// </summary>
public sealed class MiningFilterCounts
{
    /// <summary>Candidates retrieved by the search, over all queries.</summary>
    public long Retrieved { get; internal set; }

    /// <summary>Known positives among them (always excluded).</summary>
    public long Positives { get; internal set; }

    /// <summary>Removed by the absolute margin.</summary>
    public long Margin { get; internal set; }

    /// <summary>Removed by the relative margin.</summary>
    public long RelativeMargin { get; internal set; }

    /// <summary>Removed by the maximum score.</summary>
    public long MaxScore { get; internal set; }

    /// <summary>Removed by the minimum score.</summary>
    public long MinScore { get; internal set; }

    /// <summary>Removed by the guide model, per pair.</summary>
    public long Guide { get; internal set; }

    /// <summary>Removed by the false-negative fraction, per pair.</summary>
    public long FalseNegative { get; internal set; }

    /// <summary>Survivors outside the rank window [RangeMin, RangeMax), per pair.</summary>
    public long OutsideWindow { get; internal set; }

    internal void Add(MiningFilterCounts other)
    {
        Retrieved += other.Retrieved;
        Positives += other.Positives;
        Margin += other.Margin;
        RelativeMargin += other.RelativeMargin;
        MaxScore += other.MaxScore;
        MinScore += other.MinScore;
        Guide += other.Guide;
        FalseNegative += other.FalseNegative;
        OutsideWindow += other.OutsideWindow;
    }
}
