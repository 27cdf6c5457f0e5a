using Tango.Core;

namespace Tango.Losses;

/// <summary>
/// Triplets (<see cref="A"/>[k], <see cref="P"/>[k], <see cref="N"/>[k]): an anchor in the batch, a positive
/// and a negative in the reference set. PML's <c>(a, p, n)</c>.
/// </summary>
public sealed record TripletIndices : IndexTuples
{
    /// <summary>Creates triplets; the three arrays must have the same length.</summary>
    public TripletIndices(int[] a, int[] p, int[] n)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(n);
        if (a.Length != p.Length || a.Length != n.Length)
        {
            throw new ArgumentException(
                $"TripletIndices: anchors, positives and negatives differ in length ({a.Length}, {p.Length}, " +
                $"{n.Length}).");
        }

        (A, P, N) = (a, p, n);
    }

    /// <summary>No triplets.</summary>
    public static TripletIndices Empty { get; } = new([], [], []);

    /// <summary>Anchors (batch indices).</summary>
    public int[] A { get; }

    /// <summary>Positives (reference indices).</summary>
    public int[] P { get; }

    /// <summary>Negatives (reference indices).</summary>
    public int[] N { get; }

    /// <summary>The number of triplets.</summary>
    public int Count => A.Length;

    /// <inheritdoc/>
    public override bool IsEmpty => A.Length == 0;

    /// <summary>
    /// Every triplet (anchor, same-label positive, different-label negative) in anchor, positive, negative
    /// order (PML's <c>get_all_triplets_indices</c>). With <paramref name="refLabels"/> null the reference is the
    /// batch; when <paramref name="excludeSelf"/> is true the positive is never the anchor itself.
    /// </summary>
    public static TripletIndices AllFrom(int[] labels, int[]? refLabels = null, bool excludeSelf = true)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var groups = LabelGroups.Create(labels, refLabels ?? labels, excludeSelf);
        long total = groups.TripletCount();
        if (total > Array.MaxLength)
        {
            throw new InvalidOperationException(
                $"All triplets of this batch number {total}, more than an array can hold; mine them instead.");
        }

        var (a, p, n) = (new int[total], new int[total], new int[total]);
        int k = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            var negatives = groups.Negatives(i);
            foreach (int pos in groups.Positives(i))
            {
                a.AsSpan(k, negatives.Length).Fill(i);
                p.AsSpan(k, negatives.Length).Fill(pos);
                negatives.CopyTo(n.AsSpan(k));
                k += negatives.Length;
            }
        }

        return new TripletIndices(a, p, n);
    }

    /// <summary>
    /// For every anchor with a positive and a negative, <paramref name="perAnchor"/> triplets (null: as many as
    /// the anchor's label has reference members) with a uniformly
    /// drawn positive (never the anchor itself when the reference is the batch) and a negative drawn uniformly,
    /// or in proportion to <paramref name="negativeWeights"/> (batch × reference, row per anchor) when given.
    /// PML's <c>get_random_triplet_indices</c>; grouped by label in ascending label order.
    /// </summary>
    public static TripletIndices Random(int[] labels, int? perAnchor, Rng rng, int[]? refLabels = null,
        bool excludeSelf = true, float[]? negativeWeights = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(rng);
        if (perAnchor is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(perAnchor), $"perAnchor must be positive; got {perAnchor}.");
        }

        return RandomTriplets.Sample(labels, refLabels ?? labels, excludeSelf, perAnchor ?? 0, rng,
            negativeWeights);
    }

    /// <inheritdoc/>
    public override PairIndices ToPairs() => new(A, P, A, N);

    /// <inheritdoc/>
    public override TripletIndices ToTriplets() => this;

    /// <inheritdoc/>
    public override void Validate(int batchSize, int referenceSize)
    {
        CheckRange(A, batchSize, "Anchor", "batch");
        CheckRange(P, referenceSize, "Positive", "reference set");
        CheckRange(N, referenceSize, "Negative", "reference set");
    }

    /// <inheritdoc/>
    public override float[] ElementWeights(int batchSize, bool usingReference) =>
        usingReference ? CountWeights(batchSize, A) : CountWeights(batchSize, A, P, N);

    /// <inheritdoc/>
    public override string ToString() => $"TripletIndices({Count} triplets)";

    /// <summary>Equal when the three index arrays hold the same values in the same order.</summary>
    public bool Equals(TripletIndices? other) =>
        other is not null && A.AsSpan().SequenceEqual(other.A) && P.AsSpan().SequenceEqual(other.P)
        && N.AsSpan().SequenceEqual(other.N);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(A.Length, P.Length, N.Length);
}
