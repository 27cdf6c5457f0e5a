using Tango.Core;
using Tango.Core.Memory;
using Tango.Evaluation;
using Tango.NN;
using Tango.Search;

namespace Tango.Training;

/// <summary>
/// Retrieval and clustering metrics of a model on a held-out labelled set: every row is a query against all the
/// others (PML's <c>get_accuracy(query, query_labels)</c> with the reference including the queries), through
/// <see cref="AccuracyCalculator"/> with squared L2 distances (PML's default; for unit-length embeddings the same
/// ranking as cosine). The model runs in evaluation mode without gradients, in chunks.
/// </summary>
public sealed class HeldOutEvaluator
{
    private readonly AccuracyCalculator _calculator;

    /// <summary>Creates the evaluator for (n, d) <paramref name="features"/> with one label per row.</summary>
    public HeldOutEvaluator(Tensor features, int[] labels, IEnumerable<AccuracyMetric>? metrics = null,
        MetricKind metric = MetricKind.SquaredL2)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (features.Rank != 2 || features.Dim(0) != labels.Length)
        {
            throw new ArgumentException($"Held-out set: features {features.ShapeString} need one label per row; got " +
                $"{labels.Length} labels.");
        }

        Features = features;
        Labels = labels;
        Metrics = [.. metrics ?? [AccuracyMetric.PrecisionAt1, AccuracyMetric.RPrecision,
            AccuracyMetric.MeanAveragePrecisionAtR, AccuracyMetric.Nmi, AccuracyMetric.Ami]];
        _calculator = new AccuracyCalculator(include: Metrics, metric: metric);
    }

    /// <summary>The held-out features (n, d).</summary>
    public Tensor Features { get; }

    /// <summary>The held-out labels.</summary>
    public int[] Labels { get; }

    /// <summary>The metrics computed.</summary>
    public IReadOnlyList<AccuracyMetric> Metrics { get; }

    /// <summary>Rows per forward pass.</summary>
    public int BatchSize { get; init; } = 2048;

    /// <summary>Embeds the held-out set with <paramref name="model"/> and scores the embeddings.</summary>
    public IReadOnlyDictionary<AccuracyMetric, double> Evaluate(Module model) =>
        Score(Embed(model, Features, BatchSize));

    /// <summary>Scores given embeddings of the held-out rows (n, e), e.g. the raw features themselves.</summary>
    public IReadOnlyDictionary<AccuracyMetric, double> Score(Tensor embeddings)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        var report = _calculator.Compute(embeddings, Labels);
        return Metrics.ToDictionary(m => m, m => report[m]);
    }

    /// <summary>
    /// <paramref name="model"/>'s outputs for every row of (n, d) <paramref name="features"/>, computed in
    /// evaluation mode without gradients, <paramref name="batchSize"/> rows at a time; the model's training mode
    /// is restored afterwards. The result is a new tensor no scope owns.
    /// </summary>
    public static Tensor Embed(Module model, Tensor features, int batchSize = 2048)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        bool wasTraining = model.IsTraining;
        model.Eval();
        try
        {
            using var noGrad = Tensor.NoGrad();
            int n = features.Dim(0);
            float[]? output = null;
            int width = 0;
            for (int start = 0; start < n; start += batchSize)
            {
                using var scope = TensorScope.Begin();
                int rows = Math.Min(batchSize, n - start);
                var y = model.Forward(features.Slice(0, start, rows));
                width = y.Dim(1);
                output ??= new float[(long)n * width];
                y.Span.CopyTo(output.AsSpan(start * width));
            }

            return output is null ? Tensor.Zeros(0, 0) : Tensor.FromArray(output, n, width);
        }
        finally
        {
            model.Train(wasTraining);
        }
    }
}
