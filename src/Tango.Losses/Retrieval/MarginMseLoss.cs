using Tango.Core;

namespace Tango.Losses.Retrieval;

/// <summary>
/// Margin-MSE distillation (Hofstätter et al. 2020, "Improving Efficient Neural Ranking Models with Cross-
/// Architecture Knowledge Distillation"; sentence-transformers' <c>MarginMSELoss</c>): the student's score margin
/// s(q, p) − s(q, n_j) regresses onto the teacher's. Columns (query, positive, negative₁ … negativeₖ); labels: the
/// teacher margins (n) or (n, k), or the teacher scores (n, k + 1) [positive, negatives…], turned into margins.
/// L = mean over (i, j) of (margin_student − margin_teacher)².
/// </summary>
public sealed class MarginMseLoss : IColumnLoss
{
    /// <summary>Creates the loss (sentence-transformers' default: dot product).</summary>
    public MarginMseLoss(PairScore score = PairScore.Dot)
    {
        Score = score;
    }

    /// <summary>The student's score.</summary>
    public PairScore Score { get; }

    /// <inheritdoc/>
    public Tensor Compute(IReadOnlyList<Tensor> columns, Tensor? labels = null)
    {
        Columns.Require(nameof(MarginMseLoss), columns, 3);
        int n = columns[0].Dim(0), k = columns.Count - 2;
        var teacher = TeacherMargins(Columns.RequireLabels(nameof(MarginMseLoss), labels, n,
            $"teacher margins ({n}) or ({n}, {k}), or scores ({n}, {k + 1})"), n, k);
        if (n == 0)
        {
            return Columns.Zero(columns);
        }

        var positive = Scores.Pair(Score, columns[0], columns[1]);
        var margins = Enumerable.Range(0, k)
            .Select(j => positive.Sub(Scores.Pair(Score, columns[0], columns[2 + j])).Reshape(n, 1)).ToArray();
        var student = k == 1 ? margins[0] : Tensor.Concat(margins, 1);
        return student.Sub(teacher).Square().Mean();
    }

    private static Tensor TeacherMargins(Tensor labels, int n, int k)
    {
        if (labels.Rank == 1 && k == 1)
        {
            return labels.Reshape(n, 1);
        }

        if (labels.Rank == 2 && labels.Dim(1) == k)
        {
            return labels;
        }

        if (labels.Rank == 2 && labels.Dim(1) == k + 1)
        {
            return labels.Slice(1, 0, 1).Sub(labels.Slice(1, 1, k));
        }

        throw new ArgumentException($"MarginMseLoss: labels {labels.ShapeString} are neither margins ({n}, {k}) nor " +
            $"scores ({n}, {k + 1}).");
    }
}
