namespace Tango.NN.Optimizers;

/// <summary>
/// Everything an <see cref="Optimizer"/> needs to continue exactly where it stopped (PyTorch's optimizer
/// <c>state_dict</c>): the step count, the current learning rate, the per-parameter buffers by name
/// (<c>"exp_avg.0"</c>: state "exp_avg" of parameter 0) and integer counters by name (one value per parameter).
/// The arrays are copies; a checkpoint writer may store them as it likes.
/// </summary>
public sealed record OptimizerState(
    long StepCount,
    float LearningRate,
    IReadOnlyDictionary<string, float[]> Buffers,
    IReadOnlyDictionary<string, long[]> Counters);
