using Tango.Core;

namespace Tango.Losses.Retrieval;

/// <summary>
/// A loss over embedding columns, sentence-transformers style: column 0 holds the anchors (queries), column 1 the
/// positives, further columns hard negatives (or a second view, depending on the loss); row i of every column
/// belongs to example i. <paramref name="labels"/> carries what the loss needs besides the embeddings (scores,
/// class labels, teacher embeddings); most in-batch-negative losses take none.
/// </summary>
public interface IColumnLoss
{
    /// <summary>The loss of <paramref name="columns"/> (each (n, d)), differentiable in every column.</summary>
    Tensor Compute(IReadOnlyList<Tensor> columns, Tensor? labels = null);
}
