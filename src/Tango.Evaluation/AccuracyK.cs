using System.Globalization;

namespace Tango.Evaluation;

/// <summary>
/// How many neighbours <see cref="AccuracyCalculator"/> retrieves per query (pytorch-metric-learning's <c>k</c>):
/// <see cref="MaxBinCount"/> (the size of the largest class in the reference set, minus one when the reference
/// includes the queries: enough for R-precision and MAP@R), <see cref="All"/> (every reference: PML's
/// <c>k=None</c>) or a fixed number.
/// </summary>
public readonly record struct AccuracyK
{
    private AccuracyK(int value) => Value = value;

    /// <summary>The largest reference class count (minus the query itself when included).</summary>
    public static AccuracyK MaxBinCount { get; } = new(-1);

    /// <summary>Every reference vector (minus the query itself when included).</summary>
    public static AccuracyK All { get; } = new(-2);

    /// <summary>A fixed k ≥ 1.</summary>
    public int Value { get; }

    /// <summary>A fixed k ≥ 1.</summary>
    public static AccuracyK Of(int k) => k >= 1
        ? new AccuracyK(k)
        : throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1.");

    /// <summary>A fixed k ≥ 1.</summary>
    public static implicit operator AccuracyK(int k) => Of(k);

    /// <summary>Same as <see cref="Of"/>.</summary>
    public static AccuracyK FromInt32(int k) => Of(k);

    /// <inheritdoc />
    public override string ToString() => Value switch
    {
        -1 => nameof(MaxBinCount),
        -2 => nameof(All),
        _ => Value.ToString(CultureInfo.InvariantCulture),
    };

    // PML's determine_k: the neighbours to retrieve for these reference class counts.
    internal int Resolve(int maxBinCount, int referenceCount, bool referenceIncludesQuery)
    {
        int self = referenceIncludesQuery ? 1 : 0;
        return Value switch
        {
            -1 => maxBinCount - self,
            -2 => referenceCount - self,
            _ => Value,
        };
    }
}
