using Tango.Core;

namespace Tango.Losses;

/// <summary>
/// Self-supervised use of a metric loss (PML's <c>SelfSupervisedLoss</c>): row i of the embeddings and row i of
/// the reference embeddings are two views of sample i, so they form the positive pair and every other sample is a
/// negative. Symmetric: the loss runs on the stacked 2n rows with labels (0..n−1, 0..n−1). Asymmetric: the
/// embeddings are queries against the reference views (labels 0..n−1 on both sides, (i, i) counting as a pair).
/// </summary>
public sealed class SelfSupervisedLoss
{
    /// <summary>Wraps <paramref name="loss"/>, which must support reference embeddings.</summary>
    public SelfSupervisedLoss(MetricLoss loss, bool symmetric = true)
    {
        ArgumentNullException.ThrowIfNull(loss);
        if (!loss.SupportsReferenceEmbeddings)
        {
            throw new ArgumentException($"SelfSupervisedLoss does not support {loss.GetType().Name}.", nameof(loss));
        }

        Loss = loss;
        Symmetric = symmetric;
    }

    /// <summary>The wrapped loss.</summary>
    public MetricLoss Loss { get; }

    /// <summary>Whether both views act as queries.</summary>
    public bool Symmetric { get; }

    /// <summary>The loss of two views (n, d) of the same n samples.</summary>
    public Tensor Compute(Tensor embeddings, Tensor refEmbeddings)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(refEmbeddings);
        if (!Shapes.Equal(embeddings.Shape, refEmbeddings.Shape) || embeddings.Rank != 2)
        {
            throw new ArgumentException(
                "SelfSupervisedLoss: the two views must be (n, d) matrices of the same shape; " +
                $"got {embeddings.ShapeString} and {refEmbeddings.ShapeString}.");
        }

        int n = embeddings.Dim(0);
        var labels = Enumerable.Range(0, n).ToArray();
        if (Symmetric)
        {
            return Loss.Compute(Tensor.Concat([embeddings, refEmbeddings], 0), [.. labels, .. labels]);
        }

        // A copy of the labels, so that (i, i) is a pair: the two views of sample i.
        return Loss.Compute(embeddings, labels, refEmbeddings: refEmbeddings, refLabels: [.. labels]);
    }
}
