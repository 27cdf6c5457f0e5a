using Tango.Core;

namespace Tango.Losses.Retrieval;

/// <summary>
/// Regression of cosine similarity onto gold scores (Reimers &amp; Gurevych 2019, "Sentence-BERT"; sentence-
/// transformers' <c>CosineSimilarityLoss</c> with its default MSE): L = (1/n) Σ_i (cos(a_i, b_i) − y_i)².
/// Columns (a, b); labels: the gold similarity of each pair (n).
/// </summary>
public sealed class CosineSimilarityLoss : IColumnLoss
{
    /// <inheritdoc/>
    public Tensor Compute(IReadOnlyList<Tensor> columns, Tensor? labels = null)
    {
        Columns.Require(nameof(CosineSimilarityLoss), columns, 2, 2);
        int n = columns[0].Dim(0);
        var gold = Columns.RequireLabels(nameof(CosineSimilarityLoss), labels, n, "one gold similarity per row");
        if (n == 0)
        {
            return Columns.Zero(columns);
        }

        return Columns.PairwiseCosine(columns[0], columns[1]).Sub(gold.Reshape(n)).Square().Mean();
    }
}
