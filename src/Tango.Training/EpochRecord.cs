using Tango.Evaluation;

namespace Tango.Training;

/// <summary>
/// One row of the training history: the epoch (0 = before training), the mean training loss over its batches
/// (NaN for epoch 0), the learning rate of its last step, its wall time, and the held-out metrics if it was
/// evaluated (empty otherwise).
/// </summary>
public sealed record EpochRecord(int Epoch, double Loss, double LearningRate, double Seconds,
    IReadOnlyDictionary<AccuracyMetric, double> Metrics)
{
    /// <summary>Whether the held-out set was evaluated after this epoch.</summary>
    public bool Evaluated => Metrics.Count > 0;

    /// <summary>The value of <paramref name="metric"/>, or NaN when not evaluated.</summary>
    public double this[AccuracyMetric metric] => Metrics.GetValueOrDefault(metric, double.NaN);
}
