using Tango.Evaluation;

namespace Tango.Training;

/// <summary>What <see cref="Trainer.Fit"/> did: the full history (a resumed run includes the earlier epochs), the
/// best evaluation, and whether early stopping ended the run.</summary>
public sealed record TrainingResult(IReadOnlyList<EpochRecord> History, int BestEpoch, double BestValue,
    AccuracyMetric? BestMetric, bool StoppedEarly, double Seconds)
{
    /// <summary>The last epoch trained.</summary>
    public int LastEpoch => History.Count == 0 ? 0 : History[^1].Epoch;
}
