using Tango.Evaluation;

namespace Tango.Training;

/// <summary>
/// Stop training when <see cref="Metric"/> on the held-out set has not improved by more than
/// <see cref="MinDelta"/> for <see cref="Patience"/> consecutive evaluations (not epochs: with an evaluation every
/// 2 epochs, a patience of 3 waits 6 epochs). Every metric of the accuracy calculator is better when larger.
/// </summary>
/// <param name="Metric">The metric watched.</param>
/// <param name="Patience">Evaluations without improvement tolerated before stopping (≥ 1).</param>
/// <param name="MinDelta">The smallest increase that counts as an improvement (≥ 0).</param>
public sealed record EarlyStopping(AccuracyMetric Metric = AccuracyMetric.MeanAveragePrecisionAtR,
    int Patience = 3, double MinDelta = 0)
{
    /// <summary>Throws unless the settings are usable.</summary>
    public void Validate()
    {
        if (Patience < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Patience), Patience, "Early-stopping patience must be ≥ 1.");
        }

        if (!(MinDelta >= 0) || double.IsInfinity(MinDelta))
        {
            throw new ArgumentOutOfRangeException(nameof(MinDelta), MinDelta, "MinDelta must be finite and ≥ 0.");
        }

        if (Metric is AccuracyMetric.PrecisionAtK or AccuracyMetric.RecallAtK)
        {
            throw new ArgumentException($"Early stopping needs a single-valued metric; {Metric} has one value per k.");
        }
    }
}
