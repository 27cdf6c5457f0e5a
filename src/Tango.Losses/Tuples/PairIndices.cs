namespace Tango.Losses;

/// <summary>
/// Positive pairs (<see cref="A1"/>[k], <see cref="P"/>[k]) and negative pairs (<see cref="A2"/>[k],
/// <see cref="N"/>[k]); anchors index the batch, P and N the reference set. PML's <c>(a1, p, a2, n)</c>.
/// </summary>
public sealed record PairIndices : IndexTuples
{
    /// <summary>Creates pairs; the two arrays of each kind must have the same length.</summary>
    public PairIndices(int[] a1, int[] p, int[] a2, int[] n)
    {
        ArgumentNullException.ThrowIfNull(a1);
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(a2);
        ArgumentNullException.ThrowIfNull(n);
        if (a1.Length != p.Length || a2.Length != n.Length)
        {
            throw new ArgumentException(
                $"PairIndices: positive pairs need as many anchors as positives ({a1.Length} vs {p.Length}) and " +
                $"negative pairs as many anchors as negatives ({a2.Length} vs {n.Length}).");
        }

        (A1, P, A2, N) = (a1, p, a2, n);
    }

    /// <summary>No pairs.</summary>
    public static PairIndices Empty { get; } = new([], [], [], []);

    /// <summary>Anchors of the positive pairs.</summary>
    public int[] A1 { get; }

    /// <summary>Positives (reference indices).</summary>
    public int[] P { get; }

    /// <summary>Anchors of the negative pairs.</summary>
    public int[] A2 { get; }

    /// <summary>Negatives (reference indices).</summary>
    public int[] N { get; }

    /// <summary>The number of positive pairs.</summary>
    public int PositiveCount => A1.Length;

    /// <summary>The number of negative pairs.</summary>
    public int NegativeCount => A2.Length;

    /// <inheritdoc/>
    public override bool IsEmpty => A1.Length == 0 && A2.Length == 0;

    /// <summary>
    /// Every positive pair (same label) and negative pair (different label), row-major: anchor-major, then
    /// reference order (PML's <c>get_all_pairs_indices</c>). With <paramref name="refLabels"/> null the reference
    /// is the batch itself; when <paramref name="excludeSelf"/> is true, (i, i) is never a positive pair.
    /// </summary>
    public static PairIndices AllFrom(int[] labels, int[]? refLabels = null, bool excludeSelf = true)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var reference = refLabels ?? labels;
        int same = 0, self = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            for (int j = 0; j < reference.Length; j++)
            {
                same += labels[i] == reference[j] ? 1 : 0;
            }

            self += excludeSelf && i < reference.Length && labels[i] == reference[i] ? 1 : 0;
        }

        var (a1, p) = (new int[same - self], new int[same - self]);
        int negatives = labels.Length * reference.Length - same;
        var (a2, n) = (new int[negatives], new int[negatives]);
        int kp = 0, kn = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            for (int j = 0; j < reference.Length; j++)
            {
                if (labels[i] != reference[j])
                {
                    (a2[kn], n[kn++]) = (i, j);
                }
                else if (!(excludeSelf && i == j))
                {
                    (a1[kp], p[kp++]) = (i, j);
                }
            }
        }

        return new PairIndices(a1, p, a2, n);
    }

    /// <inheritdoc/>
    public override PairIndices ToPairs() => this;

    /// <inheritdoc/>
    public override TripletIndices ToTriplets()
    {
        var negativesOf = GroupByAnchor(A2, N);
        var (a, p, n) = (new List<int>(), new List<int>(), new List<int>());
        for (int k = 0; k < A1.Length; k++)
        {
            if (!negativesOf.TryGetValue(A1[k], out var negatives))
            {
                continue;
            }

            foreach (int neg in negatives)
            {
                a.Add(A1[k]);
                p.Add(P[k]);
                n.Add(neg);
            }
        }

        return new TripletIndices([.. a], [.. p], [.. n]);
    }

    /// <inheritdoc/>
    public override void Validate(int batchSize, int referenceSize)
    {
        CheckRange(A1, batchSize, "Positive-pair anchor", "batch");
        CheckRange(A2, batchSize, "Negative-pair anchor", "batch");
        CheckRange(P, referenceSize, "Positive", "reference set");
        CheckRange(N, referenceSize, "Negative", "reference set");
    }

    /// <inheritdoc/>
    public override float[] ElementWeights(int batchSize, bool usingReference) =>
        usingReference ? CountWeights(batchSize, A1, A2) : CountWeights(batchSize, A1, P, A2, N);

    /// <inheritdoc/>
    public override string ToString() => $"PairIndices({PositiveCount} positive, {NegativeCount} negative pairs)";

    /// <summary>Equal when all four index arrays hold the same values in the same order.</summary>
    public bool Equals(PairIndices? other) =>
        other is not null && A1.AsSpan().SequenceEqual(other.A1) && P.AsSpan().SequenceEqual(other.P)
        && A2.AsSpan().SequenceEqual(other.A2) && N.AsSpan().SequenceEqual(other.N);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(A1.Length, P.Length, A2.Length, N.Length);

    private static Dictionary<int, List<int>> GroupByAnchor(int[] anchors, int[] others)
    {
        var groups = new Dictionary<int, List<int>>();
        for (int k = 0; k < anchors.Length; k++)
        {
            if (!groups.TryGetValue(anchors[k], out var list))
            {
                groups[anchors[k]] = list = [];
            }

            list.Add(others[k]);
        }

        return groups;
    }
}
