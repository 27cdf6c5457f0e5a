using Tango.Core;
using Tango.Losses.Distances;

namespace Tango.Losses;

/// <summary>
/// A validated loss call: the batch, its labels and tuples, and the reference set the tuples' positives and
/// negatives index (the batch itself unless separate reference embeddings were given).
/// </summary>
public sealed class LossInput
{
    private LossInput(Tensor embeddings, int[]? labels, IndexTuples? tuples, Tensor? refEmbeddings, int[]? refLabels,
        bool excludeSelf)
    {
        Embeddings = embeddings;
        Labels = labels;
        Tuples = tuples;
        SeparateReference = refEmbeddings;
        ReferenceLabels = refLabels;
        ExcludeSelf = excludeSelf;
    }

    /// <summary>The batch (n, d).</summary>
    public Tensor Embeddings { get; }

    /// <summary>The batch labels (n), or null.</summary>
    public int[]? Labels { get; }

    /// <summary>The tuples given by the caller (a miner's output), or null for "all valid tuples".</summary>
    public IndexTuples? Tuples { get; }

    /// <summary>The reference embeddings when given separately; null when the reference is the batch.</summary>
    public Tensor? SeparateReference { get; }

    /// <summary>The reference set: <see cref="SeparateReference"/> or the batch.</summary>
    public Tensor Reference => SeparateReference ?? Embeddings;

    /// <summary>The reference labels (the batch labels when the reference is the batch), or null.</summary>
    public int[]? ReferenceLabels { get; }

    /// <summary>
    /// True when reference position i is the same sample as batch element i, so (i, i) is never a pair: when the
    /// reference is the batch, or when the caller passed the very same label array (or none) for the reference
    /// — PML's <c>ref_labels is labels</c> rule.
    /// </summary>
    public bool ExcludeSelf { get; }

    /// <summary>The number of batch elements.</summary>
    public int BatchSize => Embeddings.Dim(0);

    /// <summary>The number of reference elements.</summary>
    public int ReferenceSize => Reference.Dim(0);

    /// <summary>The labels, or an exception naming the loss that needs them.</summary>
    public int[] RequireLabels(string who) => Labels ?? throw new ArgumentException($"{who} needs labels.");

    /// <summary>The (batch × reference) matrix of <paramref name="distance"/>.</summary>
    public Tensor Matrix(Distance distance) => distance.Matrix(Embeddings, SeparateReference);

    /// <summary>The given tuples as pairs, or all pairs from the labels.</summary>
    public PairIndices Pairs() =>
        Tuples?.ToPairs() ?? PairIndices.AllFrom(RequireLabels("All pairs"), ReferenceLabels, ExcludeSelf);

    /// <summary>
    /// The given tuples as triplets, or all triplets (or <paramref name="perAnchor"/> random ones) from the labels.
    /// </summary>
    public TripletIndices Triplets(int? perAnchor = null, Rng? rng = null)
    {
        if (Tuples is not null)
        {
            return Tuples.ToTriplets();
        }

        var labels = RequireLabels("All triplets");
        return perAnchor is null
            ? TripletIndices.AllFrom(labels, ReferenceLabels, ExcludeSelf)
            : TripletIndices.Random(labels, perAnchor, rng ?? throw new ArgumentNullException(nameof(rng)),
                ReferenceLabels, ExcludeSelf);
    }

    /// <summary>Validates a call and resolves the reference set (see the members for the rules).</summary>
    public static LossInput Create(string who, Tensor embeddings, int[]? labels, IndexTuples? tuples,
        Tensor? refEmbeddings, int[]? refLabels)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        if (embeddings.Rank != 2)
        {
            throw new ArgumentException(
                $"{who}: embeddings must be a (batch, dim) matrix; got {embeddings.ShapeString}.");
        }

        int n = embeddings.Dim(0);
        CheckLabels(who, labels, n, "labels", "embeddings");
        if (refEmbeddings is not null)
        {
            if (refEmbeddings.Rank != 2 || refEmbeddings.Dim(1) != embeddings.Dim(1))
            {
                throw new ArgumentException($"{who}: reference embeddings {refEmbeddings.ShapeString} must be " +
                    $"(count, {embeddings.Dim(1)}) like the embeddings {embeddings.ShapeString}.");
            }

            CheckLabels(who, refLabels, refEmbeddings.Dim(0), "reference labels", "reference embeddings");
        }
        else if (refLabels is not null && !ReferenceEquals(refLabels, labels))
        {
            throw new ArgumentException($"{who}: reference labels were given without reference embeddings.");
        }

        bool excludeSelf = refEmbeddings is null || refLabels is null || ReferenceEquals(refLabels, labels);
        var resolvedRefLabels = refLabels ?? labels;
        if (refEmbeddings is not null && refLabels is null && labels is not null && refEmbeddings.Dim(0) != n)
        {
            throw new ArgumentException($"{who}: reference embeddings of a different size ({refEmbeddings.Dim(0)} vs " +
                $"{n}) need their own labels.");
        }

        tuples?.Validate(n, refEmbeddings?.Dim(0) ?? n);
        return new LossInput(embeddings, labels, tuples, refEmbeddings, resolvedRefLabels, excludeSelf);
    }

    private static void CheckLabels(string who, int[]? labels, int n, string what, string of)
    {
        if (labels is not null && labels.Length != n)
        {
            throw new ArgumentException($"{who}: {labels.Length} {what} for {n} {of}; give one label per row.");
        }
    }
}
