using Tango.Core;
using Tango.Core.Memory;

namespace Tango.NN.Optimizers;

/// <summary>
/// Base of the optimizers: one parameter group with a learning rate that a schedule may change between steps.
/// All per-parameter state is created in the constructor, outside any <see cref="TensorScope"/>, so that
/// <see cref="Step"/> allocates nothing. Parameters whose gradient is null are skipped (and, as in PyTorch,
/// their own step count does not advance).
/// </summary>
public abstract class Optimizer
{
    private readonly Tensor[] _parameters;

    /// <summary>Collects the parameters (each once) and checks the learning rate.</summary>
    protected Optimizer(IEnumerable<Tensor> parameters, float learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        CheckNonNegative(learningRate, "learning rate", nameof(learningRate));
        _parameters = [.. parameters.Distinct(ReferenceEqualityComparer.Instance).Cast<Tensor>()];
        if (_parameters.Length == 0)
        {
            throw new ArgumentException("The optimizer got an empty parameter list.", nameof(parameters));
        }

        foreach (var p in _parameters)
        {
            if (!p.IsLeaf)
            {
                throw new ArgumentException($"Cannot optimize a non-leaf tensor (produced by {p.GradFnName}).",
                    nameof(parameters));
            }
        }

        BaseLearningRate = learningRate;
        LearningRate = learningRate;
    }

    /// <summary>The parameters being optimised.</summary>
    public IReadOnlyList<Tensor> Parameters => _parameters;

    /// <summary>The learning rate given at construction (schedules scale it).</summary>
    public float BaseLearningRate { get; }

    /// <summary>The learning rate the next <see cref="Step"/> uses; schedules set it.</summary>
    public float LearningRate { get; set; }

    /// <summary>Number of completed <see cref="Step"/> calls.</summary>
    public long StepCount { get; private set; }

    /// <summary>Updates every parameter that has a gradient.</summary>
    public void Step()
    {
        for (int i = 0; i < _parameters.Length; i++)
        {
            var p = _parameters[i];
            if (p.Grad is { } g)
            {
                Update(i, p.Span, g.Span);
            }
        }

        StepCount++;
    }

    /// <summary>Zeroes every parameter's gradient, keeping the buffers.</summary>
    public void ZeroGrad()
    {
        foreach (var p in _parameters)
        {
            p.ZeroGrad();
        }
    }

    /// <summary>Updates parameter <paramref name="index"/> in place from its gradient.</summary>
    protected abstract void Update(int index, Span<float> p, ReadOnlySpan<float> g);

    /// <summary>One zeroed state buffer per parameter, of its size (plain arrays: no scope owns them).</summary>
    protected float[][] CreateState() => [.. _parameters.Select(p => new float[p.Size])];

    /// <summary>Throws unless <paramref name="value"/> is finite and ≥ 0.</summary>
    protected static void CheckNonNegative(float value, string what, string paramName)
    {
        if (!(value >= 0f) || float.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"Invalid {what}: {value}; it must be ≥ 0.");
        }
    }
}
