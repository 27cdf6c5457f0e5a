namespace Tango.Mining;

/// <summary>
/// Settings of <see cref="HardNegativeMiner"/>. The score filters keep sentence-transformers' meanings
/// (<c>util.mine_hard_negatives</c>) and are checked against each query's own positives; the false-negative
/// filters (<see cref="FalseNegativeFraction"/>, the guide model) are checked against each (query, positive)
/// pair. docs/mining.md explains each one with its source.
/// </summary>
public sealed class HardNegativeMiningOptions
{
    /// <summary>Negatives wanted per (query, positive) pair (sentence-transformers' default 3).</summary>
    public int NumNegatives { get; init; } = 3;

    /// <summary>Skip this many best surviving candidates before choosing (rank window start, 0-based).</summary>
    public int RangeMin { get; init; }

    /// <summary>
    /// Rank window end (exclusive): negatives come from surviving candidates ranked [RangeMin, RangeMax). The
    /// search retrieves RangeMax + (the query's positives) candidates. Null: RangeMin + NumNegatives, times 10
    /// when a score filter is set (sentence-transformers' rule, without its positives term, which the search adds).
    /// </summary>
    public int? RangeMax { get; init; }

    /// <summary>Drop candidates scoring above this (sentence-transformers' <c>max_score</c>).</summary>
    public float? MaxScore { get; init; }

    /// <summary>Drop candidates scoring below this (sentence-transformers' <c>min_score</c>).</summary>
    public float? MinScore { get; init; }

    /// <summary>
    /// Absolute margin: drop a candidate unless score + Margin ≤ the query's lowest positive score
    /// (sentence-transformers' <c>absolute_margin</c>).
    /// </summary>
    public float? Margin { get; init; }

    /// <summary>
    /// Relative margin r: drop a candidate scoring above (the query's lowest positive score) × (1 − r)
    /// (sentence-transformers' <c>relative_margin</c>; NV-Retriever's TopK-PercPos with percentage 1 − r).
    /// </summary>
    public float? RelativeMargin { get; init; }

    /// <summary>
    /// False-negative fraction f: for the pair (query, positive), drop a candidate scoring above f × that
    /// positive's score: it is more likely an unlabelled positive (pooling bias) than a negative.
    /// </summary>
    public float? FalseNegativeFraction { get; init; }

    /// <summary>
    /// Margin of the guide-model filter (GISTEmbed): with guide embeddings, drop a candidate of the pair
    /// (query, positive) whose guide score exceeds the guide score of that positive minus this margin.
    /// </summary>
    public float GuideMargin { get; init; }

    /// <summary>How negatives are drawn from the window.</summary>
    public NegativeSampling Sampling { get; init; } = NegativeSampling.Top;

    /// <summary>Seed of <see cref="NegativeSampling.Random"/>; each pair draws from its own stream.</summary>
    public ulong Seed { get; init; }

    /// <summary>Queries searched per index call (memory is O(QueryBlock × RangeMax)).</summary>
    public int QueryBlock { get; init; } = 4096;

    /// <summary>Threads of the post-search filtering (the index has its own setting).</summary>
    public int MaxThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>True when any score-based filter is set.</summary>
    public bool HasScoreFilter => MaxScore is not null || MinScore is not null || Margin is not null ||
                                  RelativeMargin is not null || FalseNegativeFraction is not null;

    /// <summary>The rank window end in effect.</summary>
    public int EffectiveRangeMax => RangeMax ?? RangeMin + NumNegatives * (HasScoreFilter ? 10 : 1);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Require(NumNegatives >= 1, $"NumNegatives must be at least 1; got {NumNegatives}.");
        Require(RangeMin >= 0, $"RangeMin must be 0 or more; got {RangeMin}.");
        Require(EffectiveRangeMax > RangeMin, $"RangeMax ({EffectiveRangeMax}) must exceed RangeMin ({RangeMin}).");
        Require(QueryBlock >= 1, $"QueryBlock must be at least 1; got {QueryBlock}.");
        Require(MaxThreads >= 1, $"MaxThreads must be at least 1; got {MaxThreads}.");
        Finite(MaxScore, "MaxScore");
        Finite(MinScore, "MinScore");
        Finite(Margin, "Margin");
        Finite(RelativeMargin, "RelativeMargin");
        Finite(FalseNegativeFraction, "FalseNegativeFraction");
        Finite(GuideMargin, "GuideMargin");
        Require(FalseNegativeFraction is null or > 0f,
            $"FalseNegativeFraction must be positive; got {FalseNegativeFraction}.");
        Require(Enum.IsDefined(Sampling), $"Unknown sampling {Sampling}.");
    }

    private static void Finite(float? value, string name) =>
        Require(value is null || float.IsFinite(value.Value), $"{name} must be finite; got {value}.");

    private static void Require(bool ok, string message)
    {
        if (!ok)
        {
            throw new ArgumentException($"Hard-negative mining: {message}");
        }
    }
}
