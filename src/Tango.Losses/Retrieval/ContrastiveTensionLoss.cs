using Tango.Core;

namespace Tango.Losses.Retrieval;

/// <summary>
/// Contrastive tension (Carlsson et al. 2021, "Semantic Re-tuning with Contrastive Tension"; sentence-transformers'
/// <c>ContrastiveTensionLoss</c>): two independent copies of the encoder embed the two columns; identical sentences
/// (label 1) should get a large dot product, different ones (label 0) a small one:
/// L = Σ_i BCEWithLogits(a_i · b_i, y_i) = Σ_i [softplus(a_i · b_i) − y_i·(a_i · b_i)] (a sum, as the paper).
/// The caller embeds column 0 with the first copy and column 1 with the second.
/// </summary>
public sealed class ContrastiveTensionLoss : IColumnLoss
{
    /// <inheritdoc/>
    public Tensor Compute(IReadOnlyList<Tensor> columns, Tensor? labels = null)
    {
        Columns.Require(nameof(ContrastiveTensionLoss), columns, 2, 2);
        int n = columns[0].Dim(0);
        var y = Columns.RequireLabels(nameof(ContrastiveTensionLoss), labels, n, "1 (same sentence) or 0 per pair")
            .Reshape(n);
        if (n == 0)
        {
            return Columns.Zero(columns);
        }

        var logits = Columns.PairwiseDot(columns[0], columns[1]);
        return logits.Softplus().Sub(logits.Mul(y)).Sum();
    }
}
