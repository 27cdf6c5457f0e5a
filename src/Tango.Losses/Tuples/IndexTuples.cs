namespace Tango.Losses;

/// <summary>
/// Mined tuples: indices into a batch (anchors) and into the reference set (positives, negatives), which is
/// the batch itself unless a loss or miner is given separate reference embeddings. Either
/// <see cref="PairIndices"/> (PML's <c>(a1, p, a2, n)</c>) or <see cref="TripletIndices"/> (<c>(a, p, n)</c>).
/// Losses convert between the two as PML's <c>convert_to_pairs</c>/<c>convert_to_triplets</c> do.
/// </summary>
public abstract record IndexTuples
{
    private protected IndexTuples()
    {
    }

    /// <summary>True when there is no pair or triplet at all.</summary>
    public abstract bool IsEmpty { get; }

    /// <summary>The tuples as anchor-positive and anchor-negative pairs (a triplet gives one of each).</summary>
    public abstract PairIndices ToPairs();

    /// <summary>
    /// The tuples as triplets: every positive pair joined with every negative pair of the same anchor, in
    /// positive-pair-major order (PML's <c>convert_to_triplets</c>).
    /// </summary>
    public abstract TripletIndices ToTriplets();

    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming the first index outside [0, batch) for anchors or
    /// [0, reference) for positives and negatives.
    /// </summary>
    public abstract void Validate(int batchSize, int referenceSize);

    /// <summary>How often each batch element occurs in the tuples (anchors, and the others too when the
    /// reference is the batch), divided by the largest count; all ones when there are no tuples. PML's
    /// <c>convert_to_weights</c>.</summary>
    public abstract float[] ElementWeights(int batchSize, bool usingReference);

    internal static void CheckRange(int[] indices, int size, string role, string set)
    {
        for (int i = 0; i < indices.Length; i++)
        {
            if ((uint)indices[i] >= (uint)size)
            {
                throw new ArgumentException(
                    $"{role} index {indices[i]} at position {i} is outside the {set} of {size} embeddings.");
            }
        }
    }

    internal static float[] CountWeights(int batchSize, params int[][] lists)
    {
        var counts = new float[batchSize];
        bool any = false;
        foreach (var list in lists)
        {
            foreach (int i in list)
            {
                counts[i]++;
                any = true;
            }
        }

        if (!any)
        {
            Array.Fill(counts, 1f);
            return counts;
        }

        float max = counts.Max();
        for (int i = 0; i < counts.Length; i++)
        {
            counts[i] /= max;
        }

        return counts;
    }
}
