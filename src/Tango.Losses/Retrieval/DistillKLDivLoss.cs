using Tango.Core;

namespace Tango.Losses.Retrieval;

/// <summary>
/// KL-divergence distillation of a teacher's score distribution (Lin et al. 2020, "Distilling Dense Representations
/// for Ranking using Tightly-Coupled Teachers"; sentence-transformers' <c>DistillKLDivLoss</c>): over each query's
/// candidates (positive, negatives…), with student scores s and teacher scores t,
/// L = T²·(1/n) Σ_i KL(softmax(t_i/T) ‖ softmax(s_i/T)). Columns (query, positive, negatives…); labels: the teacher
/// scores (n, k + 1).
/// </summary>
public sealed class DistillKLDivLoss : IColumnLoss
{
    /// <summary>Creates the loss (sentence-transformers' defaults: dot product, temperature 1).</summary>
    public DistillKLDivLoss(PairScore score = PairScore.Dot, float temperature = 1f)
    {
        if (!float.IsFinite(temperature) || temperature <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(temperature),
                $"DistillKLDivLoss: temperature must be positive and finite; got {temperature}.");
        }

        Score = score;
        Temperature = temperature;
    }

    /// <summary>The student's score.</summary>
    public PairScore Score { get; }

    /// <summary>The temperature T of both softmaxes.</summary>
    public float Temperature { get; }

    /// <inheritdoc/>
    public Tensor Compute(IReadOnlyList<Tensor> columns, Tensor? labels = null)
    {
        Columns.Require(nameof(DistillKLDivLoss), columns, 2);
        int n = columns[0].Dim(0), k = columns.Count - 1;
        var teacher = Columns.RequireLabels(nameof(DistillKLDivLoss), labels, n, $"teacher scores ({n}, {k})");
        if (teacher.Rank != 2 || teacher.Dim(1) != k)
        {
            throw new ArgumentException($"DistillKLDivLoss: teacher scores {teacher.ShapeString} must be ({n}, {k}).");
        }

        if (n == 0)
        {
            return Columns.Zero(columns);
        }

        var student = Tensor.Concat([.. Enumerable.Range(1, k)
            .Select(j => Scores.Pair(Score, columns[0], columns[j]).Reshape(n, 1))], 1);
        var logStudent = student.Mul(1f / Temperature).LogSoftmax(1);
        var (probs, entropyTerm) = TeacherDistribution(teacher, Temperature);
        // KL = Σ t·log t − Σ t·log s; the first sum is a constant.
        var cross = logStudent.Mul(probs).Sum().Neg().Add((float)entropyTerm);
        return cross.Mul(Temperature * Temperature / n);
    }

    // softmax(t/T) per row, and Σ t·log t over all rows (0·log 0 = 0), in double.
    private static (Tensor Probs, double PlogP) TeacherDistribution(Tensor teacher, float temperature)
    {
        int n = teacher.Dim(0), k = teacher.Dim(1);
        var t = teacher.Span;
        var probs = Tensor.Zeros(n, k);
        var ps = probs.Span;
        double plogp = 0;
        for (int i = 0; i < n; i++)
        {
            double max = double.NegativeInfinity, sum = 0;
            for (int j = 0; j < k; j++)
            {
                max = Math.Max(max, t[i * k + j] / (double)temperature);
            }

            for (int j = 0; j < k; j++)
            {
                sum += Math.Exp(t[i * k + j] / (double)temperature - max);
            }

            for (int j = 0; j < k; j++)
            {
                double logp = t[i * k + j] / (double)temperature - max - Math.Log(sum);
                double p = Math.Exp(logp);
                ps[i * k + j] = (float)p;
                plogp += p > 0 ? p * logp : 0;
            }
        }

        return (probs, plogp);
    }
}
