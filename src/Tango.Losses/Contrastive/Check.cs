namespace Tango.Losses.Contrastive;

/// <summary>Argument checks and pair filters shared by the seed-paper losses.</summary>
internal static class Check
{
    /// <summary>The value if it is positive and finite; otherwise an exception naming the loss and parameter.</summary>
    public static float Positive(float value, string name, string who) =>
        value > 0 && float.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(name, $"{who}: {name} must be positive and finite; got {value}.");

    /// <summary>The value if it lies in [low, high); otherwise an exception.</summary>
    public static float InRange(float value, float low, float high, string name, string who) =>
        value >= low && value < high
            ? value
            : throw new ArgumentOutOfRangeException(name, $"{who}: {name} must lie in [{low}, {high}); got {value}.");

    /// <summary>The value if it is at least <paramref name="low"/>; otherwise an exception.</summary>
    public static int AtLeast(int value, int low, string name, string who) =>
        value >= low
            ? value
            : throw new ArgumentOutOfRangeException(name, $"{who}: {name} must be ≥ {low}; got {value}.");

    /// <summary>
    /// The positive pairs (a[k], b[k]) whose anchor has at least one negative, i.e. a per-anchor log-sum-exp
    /// (or log count) <paramref name="l"/> over its negatives above −∞.
    /// </summary>
    public static (int[] Anchors, int[] Others) WithNegatives(int[] a, int[] b, ReadOnlySpan<float> l)
    {
        var anchors = new List<int>(a.Length);
        var others = new List<int>(a.Length);
        for (int k = 0; k < a.Length; k++)
        {
            if (l[a[k]] > float.NegativeInfinity)
            {
                anchors.Add(a[k]);
                others.Add(b[k]);
            }
        }

        return ([.. anchors], [.. others]);
    }
}
