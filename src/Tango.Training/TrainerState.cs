using Tango.NN.Optimizers;

namespace Tango.Training;

/// <summary>Everything a checkpoint holds (internal: the file format is <see cref="TrainingCheckpoint"/>'s).</summary>
internal sealed class TrainerState
{
    public int Epoch { get; init; }

    public required Dictionary<string, float[]> Model { get; init; }

    public required Dictionary<string, float[]> Loss { get; init; }

    public required OptimizerState Optimizer { get; init; }

    public required List<EpochRecord> History { get; init; }

    public double BestValue { get; init; } = double.NaN;

    public int BestEpoch { get; init; } = -1;

    public int BadEvaluations { get; init; }

    public bool Stopped { get; init; }

    public Dictionary<string, float[]>? BestWeights { get; init; }

    public int[]? SamplerAssignments { get; init; }

    public int SamplerRefreshedAt { get; init; } = -1;
}
