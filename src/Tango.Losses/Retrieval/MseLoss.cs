using Tango.Core;

namespace Tango.Losses.Retrieval;

/// <summary>
/// Embedding regression onto a teacher (Reimers &amp; Gurevych 2020, "Making Monolingual Sentence Embeddings
/// Multilingual using Knowledge Distillation"; sentence-transformers' <c>MSELoss</c>): every column (e.g. a sentence
/// and its translation) should equal the teacher's embedding of row i, L = mean over all entries of (x − t)².
/// Labels: the teacher embeddings (n, d).
/// </summary>
public sealed class MseLoss : IColumnLoss
{
    /// <inheritdoc/>
    public Tensor Compute(IReadOnlyList<Tensor> columns, Tensor? labels = null)
    {
        Columns.Require(nameof(MseLoss), columns, 1);
        int n = columns[0].Dim(0), d = columns[0].Dim(1);
        var teacher = Columns.RequireLabels(nameof(MseLoss), labels, n, $"teacher embeddings ({n}, {d})");
        if (teacher.Rank != 2 || teacher.Dim(1) != d)
        {
            throw new ArgumentException($"MseLoss: teacher embeddings {teacher.ShapeString} must be ({n}, {d}).");
        }

        if (n == 0 || d == 0)
        {
            return Columns.Zero(columns);
        }

        var total = columns[0].Sub(teacher).Square().Sum();
        for (int c = 1; c < columns.Count; c++)
        {
            total = total.Add(columns[c].Sub(teacher).Square().Sum());
        }

        return total.Mul(1f / ((float)n * d * columns.Count));
    }
}
