using Tango.Core;
using Tango.Losses.Distances;

namespace Tango.Losses.Retrieval;

/// <summary>
/// Multiple negatives ranking loss (InfoNCE with in-batch negatives; Henderson et al. 2017, "Efficient Natural
/// Language Response Suggestion for Smart Reply"; sentence-transformers' <c>MultipleNegativesRankingLoss</c>).
/// Columns (anchor, positive, negative₁ … negativeₖ): each anchor's candidates are every positive and every
/// negative in the batch, and the loss is the mean cross-entropy of the scaled similarities with its own positive as
/// the target: L = (1/n) Σ_i −log softmax_j(s·sim(a_i, c_j))_i. <see cref="Symmetric"/> adds the backward
/// direction, positives choosing among anchors (sentence-transformers' <c>MultipleNegativesSymmetricRankingLoss</c>),
/// and averages the two. <see cref="MaskDuplicatePositives"/> drops candidates identical to an anchor's own
/// positive from its negatives (the same text appearing twice in a batch).
/// </summary>
public sealed class MultipleNegativesRankingLoss : IColumnLoss
{
    /// <summary>Creates the loss (sentence-transformers' defaults: scale 20, cosine similarity).</summary>
    public MultipleNegativesRankingLoss(float scale = 20f, Distance? similarity = null, bool symmetric = false,
        bool maskDuplicatePositives = false)
    {
        if (!float.IsFinite(scale) || scale <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), $"MultipleNegativesRankingLoss: scale must be " +
                $"positive and finite; got {scale}.");
        }

        Scale = scale;
        Similarity = similarity ?? new CosineSimilarity();
        Symmetric = symmetric;
        MaskDuplicatePositives = maskDuplicatePositives;
    }

    /// <summary>The scale s multiplying similarities (an inverse temperature).</summary>
    public float Scale { get; }

    /// <summary>The similarity (a distance d enters as −d).</summary>
    public Distance Similarity { get; }

    /// <summary>Whether positives also pick their anchor among all anchors (the two losses are averaged).</summary>
    public bool Symmetric { get; }

    /// <summary>Whether candidates equal to an anchor's positive are left out of its negatives.</summary>
    public bool MaskDuplicatePositives { get; }

    /// <summary>The loss of (anchor, positive, negatives…) columns; <paramref name="labels"/> is ignored.</summary>
    public Tensor Compute(IReadOnlyList<Tensor> columns, Tensor? labels = null)
    {
        Columns.Require(nameof(MultipleNegativesRankingLoss), columns, 2);
        var candidates = Columns.Stack(columns, 1);
        var forward = Direction(columns[0], candidates);
        if (!Symmetric)
        {
            return forward;
        }

        return forward.Add(Direction(columns[1], columns[0])).Mul(0.5f);
    }

    // Row i of the queries against every candidate, target candidate i.
    private Tensor Direction(Tensor queries, Tensor candidates)
    {
        var ids = MaskDuplicatePositives ? DuplicateIds(candidates) : null;
        if (Similarity is DotProductSimilarity { Power: 1f } dot)
        {
            return InBatchSoftmaxKernel.Loss(queries, candidates, Scale, dot.NormalizeEmbeddings, ids);
        }

        var logits = Similarity.Matrix(queries, candidates).Mul(-Similarity.Direction * Scale);
        if (ids is not null)
        {
            logits = logits.MaskedFill(DuplicateMask(ids, queries.Dim(0)), float.NegativeInfinity);
        }

        return Columns.DiagonalCrossEntropy(logits);
    }

    /// <summary>Equal rows get equal ids (bitwise equality of the embedding).</summary>
    internal static int[] DuplicateIds(Tensor rows)
    {
        int m = rows.Dim(0), d = rows.Dim(1);
        var ids = new int[m];
        var first = new Dictionary<RowKey, int>();
        var buffer = rows.Buffer;
        for (int j = 0; j < m; j++)
        {
            var key = new RowKey(buffer, j * d, d);
            if (!first.TryGetValue(key, out ids[j]))
            {
                first[key] = j;
                ids[j] = j;
            }
        }

        return ids;
    }

    private static Tensor DuplicateMask(int[] ids, int n)
    {
        int m = ids.Length;
        var mask = Tensor.Zeros(n, m);
        var span = mask.Span;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                span[i * m + j] = ids[j] == ids[i] && j != i ? 1f : 0f;
            }
        }

        return mask;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"MultipleNegativesRankingLoss(scale: {Scale}, similarity: {Similarity}, symmetric: {Symmetric})";

    private readonly struct RowKey(float[] data, int start, int length) : IEquatable<RowKey>
    {
        private ReadOnlySpan<float> Row => data.AsSpan(start, length);

        public bool Equals(RowKey other) =>
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(Row)
                .SequenceEqual(System.Runtime.InteropServices.MemoryMarshal.AsBytes(other.Row));

        public override bool Equals(object? obj) => obj is RowKey k && Equals(k);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Row));
            return hash.ToHashCode();
        }
    }
}
