using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis;

/// <summary>
/// Triplets of rows (anchor, positive, negative), by index: the anchor should be closer to the positive than to
/// the negative (metric-learn's triplet supervision).
/// </summary>
public sealed class Triplets
{
    private readonly int[] _anchor;
    private readonly int[] _positive;
    private readonly int[] _negative;

    /// <summary>Creates triplets (anchor[i], positive[i], negative[i]).</summary>
    public Triplets(int[] anchor, int[] positive, int[] negative)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        ArgumentNullException.ThrowIfNull(positive);
        ArgumentNullException.ThrowIfNull(negative);
        if (anchor.Length != positive.Length || anchor.Length != negative.Length)
        {
            throw new ArgumentException(
                $"Triplets: anchor, positive and negative have {anchor.Length}, {positive.Length} and " +
                $"{negative.Length} indices; they must have the same length.");
        }

        _anchor = (int[])anchor.Clone();
        _positive = (int[])positive.Clone();
        _negative = (int[])negative.Clone();
    }

    /// <summary>Number of triplets.</summary>
    public int Count => _anchor.Length;

    /// <summary>Anchor row indices (a copy).</summary>
    public int[] Anchor => (int[])_anchor.Clone();

    /// <summary>Positive row indices (a copy).</summary>
    public int[] Positive => (int[])_positive.Clone();

    /// <summary>Negative row indices (a copy).</summary>
    public int[] Negative => (int[])_negative.Clone();

    internal ReadOnlySpan<int> AnchorSpan => _anchor;

    internal ReadOnlySpan<int> PositiveSpan => _positive;

    internal ReadOnlySpan<int> NegativeSpan => _negative;

    internal void Validate(int n, string learner)
    {
        Input.Indices(_anchor, n, learner, "triplets.Anchor");
        Input.Indices(_positive, n, learner, "triplets.Positive");
        Input.Indices(_negative, n, learner, "triplets.Negative");
    }
}
