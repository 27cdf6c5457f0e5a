using Tango.Core;
using Tango.Losses.Distances;

namespace Tango.Losses.Retrieval;

/// <summary>
/// MegaBatch margin loss (Wieting &amp; Gimpel 2018, "ParaNMT-50M", §4; sentence-transformers'
/// <c>MegaBatchMarginLoss</c>): each anchor's hardest negative is the most similar other positive of the (mega)
/// batch, and L = (1/n) Σ_i [max(m⁺ − cos(a_i, p_i), 0) + max(max_{j≠i} cos(a_i, p_j) − m⁻, 0)]. Columns (a, p).
/// For a batch too large for one graph, wrap it in <see cref="CachedColumnLoss"/>: the hardest negatives are still
/// searched over the whole batch and every mini-batch contributes its gradient (sentence-transformers 5.2.0.dev0's
/// mini-batched form keeps only the last mini-batch's; see docs/retrieval-losses.md).
/// </summary>
public sealed class MegaBatchMarginLoss : IColumnLoss
{
    private static readonly CosineSimilarity Cosine = new();

    /// <summary>Creates the loss (sentence-transformers' defaults: m⁺ = 0.8, m⁻ = 0.3).</summary>
    public MegaBatchMarginLoss(float positiveMargin = 0.8f, float negativeMargin = 0.3f)
    {
        if (!float.IsFinite(positiveMargin) || !float.IsFinite(negativeMargin))
        {
            throw new ArgumentException($"MegaBatchMarginLoss: margins must be finite; got {positiveMargin} and " +
                $"{negativeMargin}.");
        }

        PositiveMargin = positiveMargin;
        NegativeMargin = negativeMargin;
    }

    /// <summary>Positive pairs with a cosine below m⁺ pay.</summary>
    public float PositiveMargin { get; }

    /// <summary>Hardest negatives with a cosine above m⁻ pay.</summary>
    public float NegativeMargin { get; }

    /// <inheritdoc/>
    public Tensor Compute(IReadOnlyList<Tensor> columns, Tensor? labels = null)
    {
        Columns.Require(nameof(MegaBatchMarginLoss), columns, 2, 2);
        int n = columns[0].Dim(0);
        if (n == 0)
        {
            return Columns.Zero(columns);
        }

        var cos = Cosine.Matrix(columns[0], columns[1]);
        var rows = Enumerable.Range(0, n).ToArray();
        var positive = Kernels.LossOps.GatherPairs(cos, rows, rows);
        var shift = Tensor.Zeros(n, n);
        for (int i = 0; i < n; i++)
        {
            shift[i, i] = -2f;
        }

        // cos − 2 on the diagonal keeps the positive out of the max (cosines lie in [−1, 1]).
        var hardest = cos.Add(shift).Max(1);
        return positive.Neg().Add(PositiveMargin).Relu().Add(hardest.Sub(Tensor.Scalar(NegativeMargin)).Relu()).Mean();
    }
}
