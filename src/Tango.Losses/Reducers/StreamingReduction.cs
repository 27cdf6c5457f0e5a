namespace Tango.Losses.Reducers;

/// <summary>How a streaming reduction divides its weighted sum.</summary>
internal enum StreamingDivisor
{
    /// <summary>By the number of kept entries (threshold, average of non-zero).</summary>
    KeptCount,

    /// <summary>By the number of all entries (mean, class-weighted mean).</summary>
    TotalCount,

    /// <summary>Not at all (sum).</summary>
    One,

    /// <summary>By the divisor the loss provides.</summary>
    Given,
}

/// <summary>
/// A reduction of the form Σ_{low &lt; l &lt; high} w[label of anchor]·l / divisor, zero when the divisor is 0.
/// </summary>
internal sealed record StreamingReduction(float Low, float High, StreamingDivisor Divisor, float[]? ClassWeights)
{
    public bool Keeps(float loss) => loss > Low && loss < High;
}
