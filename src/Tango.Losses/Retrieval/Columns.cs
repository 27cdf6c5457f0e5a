using Tango.Core;

namespace Tango.Losses.Retrieval;

/// <summary>Validation of embedding columns and the small row-wise functions the column losses share.</summary>
internal static class Columns
{
    /// <summary>Checks for <paramref name="min"/>..<paramref name="max"/> columns of one (n, d) shape.</summary>
    public static void Require(string who, IReadOnlyList<Tensor> columns, int min, int max = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count < min || columns.Count > max)
        {
            string range = max == int.MaxValue ? $"at least {min}" : min == max ? $"{min}" : $"{min} to {max}";
            throw new ArgumentException($"{who}: expected {range} embedding columns; got {columns.Count}.");
        }

        for (int c = 0; c < columns.Count; c++)
        {
            var t = columns[c] ?? throw new ArgumentNullException(nameof(columns), $"{who}: column {c} is null.");
            if (t.Rank != 2)
            {
                throw new ArgumentException($"{who}: column {c} must be an (n, d) matrix; got {t.ShapeString}.");
            }

            if (t.Dim(0) != columns[0].Dim(0) || t.Dim(1) != columns[0].Dim(1))
            {
                throw new ArgumentException(
                    $"{who}: column {c} has shape {t.ShapeString}, column 0 has {columns[0].ShapeString}; " +
                    "every column needs the same (n, d).");
            }
        }
    }

    /// <summary>The labels, or an exception naming the loss and the shape it needs.</summary>
    public static Tensor RequireLabels(string who, Tensor? labels, int n, string what)
    {
        if (labels is null)
        {
            throw new ArgumentException($"{who} needs labels: {what}.");
        }

        if (labels.Rank == 0 || labels.Dim(0) != n)
        {
            throw new ArgumentException($"{who}: labels {labels.ShapeString} do not match {n} rows ({what}).");
        }

        return labels;
    }

    /// <summary>Integer labels from a label tensor holding whole numbers.</summary>
    public static int[] IntLabels(string who, Tensor labels)
    {
        var span = labels.Span;
        var result = new int[span.Length];
        for (int i = 0; i < span.Length; i++)
        {
            float v = span[i];
            if (!float.IsFinite(v) || v != MathF.Round(v))
            {
                throw new ArgumentException($"{who}: label {i} is {v}; class labels must be whole numbers.");
            }

            result[i] = (int)v;
        }

        return result;
    }

    /// <summary>
    /// A rank-0 zero that depends on every column (each gets a zero gradient), for batches with nothing to learn.
    /// </summary>
    public static Tensor Zero(IReadOnlyList<Tensor> columns) =>
        Tensor.Scalar(0f).Record("ZeroLoss", [.. columns], _ =>
        {
            foreach (var c in columns)
            {
                c.AccumulateGrad(Tensor.Zeros(c.Shape));
            }
        });

    /// <summary>The Euclidean norm of each row, with a zero gradient at a zero row.</summary>
    // x: (n, d) -> (n)
    public static Tensor Norm(Tensor x) => Kernels.LossOps.RowNorm(x, 2f);

    /// <summary>cos(a_i, b_i) for each row, as a vector.</summary>
    // a, b: (n, d) -> (n)
    public static Tensor PairwiseCosine(Tensor a, Tensor b) => a.L2Normalize().Mul(b.L2Normalize()).Sum(1);

    /// <summary>a_i · b_i for each row.</summary>
    public static Tensor PairwiseDot(Tensor a, Tensor b) => a.Mul(b).Sum(1);

    /// <summary>
    /// Mean cross-entropy of the rows of <paramref name="logits"/> (n, m) with target column i for row i
    /// (PyTorch's <c>cross_entropy(logits, arange(n))</c>); −∞ logits are excluded entries.
    /// </summary>
    public static Tensor DiagonalCrossEntropy(Tensor logits)
    {
        int n = logits.Dim(0);
        if (n == 0)
        {
            return Kernels.LossOps.ZeroLoss(logits);
        }

        var diagonal = Enumerable.Range(0, n).ToArray();
        var logProbs = logits.LogSoftmax(1);
        return Kernels.LossOps.GatherPairs(logProbs, diagonal, diagonal).Mean().Neg();
    }

    /// <summary>The columns from <paramref name="start"/> on, stacked by rows (one (k·n, d) matrix).</summary>
    public static Tensor Stack(IReadOnlyList<Tensor> columns, int start) =>
        columns.Count - start == 1 ? columns[start] : Tensor.Concat([.. columns.Skip(start)], 0);
}
