using Tango.Evaluation;

namespace Tango.Training;

/// <summary>How a <see cref="Trainer"/> runs: epochs, evaluation, early stopping and checkpoints.</summary>
public sealed class TrainerOptions
{
    /// <summary>The epochs to train in total (a resumed run counts the epochs it already did).</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>
    /// Pause after this epoch: <see cref="Trainer.Fit"/> returns (writing the checkpoint) as if interrupted, and a
    /// later call, or a resume from the checkpoint, continues; the schedule still spans <see cref="Epochs"/>. Null:
    /// run to the end.
    /// </summary>
    public int? PauseAfter { get; init; }

    /// <summary>Evaluate on the held-out set every this many epochs and after the last; 0: only after the last.
    /// </summary>
    public int EvaluateEvery { get; init; } = 1;

    /// <summary>Evaluate the untrained model once before the first epoch (recorded as epoch 0).</summary>
    public bool EvaluateBeforeTraining { get; init; } = true;

    /// <summary>The held-out metrics computed (default: P@1, R-precision, MAP@R, NMI, AMI).</summary>
    public IReadOnlyList<AccuracyMetric> Metrics { get; init; } =
    [
        AccuracyMetric.PrecisionAt1, AccuracyMetric.RPrecision, AccuracyMetric.MeanAveragePrecisionAtR,
        AccuracyMetric.Nmi, AccuracyMetric.Ami,
    ];

    /// <summary>Early stopping, or null to always run <see cref="Epochs"/>.</summary>
    public EarlyStopping? EarlyStopping { get; init; }

    /// <summary>
    /// With early stopping: put the weights of the best evaluation back at the end (default true).
    /// </summary>
    public bool RestoreBestWeights { get; init; } = true;

    /// <summary>Where to write a checkpoint (atomically), or null for none.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Write the checkpoint every this many epochs (and after the last one).</summary>
    public int CheckpointEvery { get; init; } = 1;

    /// <summary>Rows embedded per forward pass when evaluating.</summary>
    public int EvaluationBatchSize { get; init; } = 2048;

    /// <summary>Clip the gradient norm of all trained parameters to this value before each step; null: no clipping.
    /// </summary>
    public float? MaxGradNorm { get; init; }

    /// <summary>Throws unless the options are usable, naming the first bad one.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Epochs);
        ArgumentOutOfRangeException.ThrowIfNegative(EvaluateEvery);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(CheckpointEvery);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(EvaluationBatchSize);
        EarlyStopping?.Validate();
        if (EarlyStopping is not null && (EvaluateEvery == 0 || !Metrics.Contains(EarlyStopping.Metric)))
        {
            throw new ArgumentException($"Early stopping on {EarlyStopping.Metric} needs evaluations " +
                "(EvaluateEvery > 0) that compute that metric.");
        }

        if (MaxGradNorm is { } g && !(g > 0 && float.IsFinite(g)))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxGradNorm), g, "MaxGradNorm must be positive.");
        }
    }
}
