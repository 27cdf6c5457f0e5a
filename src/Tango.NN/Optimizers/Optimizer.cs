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
    private readonly List<KeyValuePair<string, float[][]>> _namedState = [];

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

    /// <summary>
    /// A copy of the optimizer's state (step count, learning rate, per-parameter buffers and counters), enough to
    /// continue bit-identically after <see cref="LoadState"/> on an optimizer built the same way.
    /// </summary>
    public OptimizerState GetState()
    {
        var buffers = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var (name, arrays) in _namedState)
        {
            for (int i = 0; i < arrays.Length; i++)
            {
                buffers[$"{name}.{i}"] = (float[])arrays[i].Clone();
            }
        }

        return new OptimizerState(StepCount, LearningRate, buffers, GetCounters());
    }

    /// <summary>
    /// Restores a state from <see cref="GetState"/>. The names and sizes must match this optimizer's exactly
    /// (same class, options and parameter shapes); otherwise nothing changes and the error names the mismatch.
    /// </summary>
    public void LoadState(OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var expected = _namedState.SelectMany(s => s.Value.Select((a, i) => (Name: $"{s.Key}.{i}", a.Length)))
            .ToList();
        foreach (var (name, length) in expected)
        {
            if (!state.Buffers.TryGetValue(name, out var values) || values.Length != length)
            {
                throw new ArgumentException($"{GetType().Name} state: buffer '{name}' of {length} values is " +
                    (values is null ? "missing." : $"given {values.Length} values."));
            }
        }

        if (state.Buffers.Count != expected.Count)
        {
            var extra = state.Buffers.Keys.Except(expected.Select(e => e.Name)).First();
            throw new ArgumentException($"{GetType().Name} state: unexpected buffer '{extra}'.");
        }

        CheckCounters(state.Counters);
        foreach (var (name, arrays) in _namedState)
        {
            for (int i = 0; i < arrays.Length; i++)
            {
                state.Buffers[$"{name}.{i}"].CopyTo(arrays[i], 0);
            }
        }

        SetCounters(state.Counters);
        StepCount = state.StepCount;
        LearningRate = state.LearningRate;
    }

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

    /// <summary>
    /// Like <see cref="CreateState()"/>, and registers the buffers under <paramref name="name"/> so that
    /// <see cref="GetState"/> and <see cref="LoadState"/> include them.
    /// </summary>
    protected float[][] CreateState(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var state = CreateState();
        _namedState.Add(new(name, state));
        return state;
    }

    /// <summary>Per-parameter integer state by name (one value per parameter), copied.</summary>
    protected virtual IReadOnlyDictionary<string, long[]> GetCounters() => new Dictionary<string, long[]>();

    /// <summary>Restores what <see cref="GetCounters"/> returned (already checked by name and length).</summary>
    protected virtual void SetCounters(IReadOnlyDictionary<string, long[]> counters)
    {
    }

    private void CheckCounters(IReadOnlyDictionary<string, long[]> counters)
    {
        var own = GetCounters();
        foreach (var (name, values) in own)
        {
            if (!counters.TryGetValue(name, out var given) || given.Length != values.Length)
            {
                throw new ArgumentException($"{GetType().Name} state: counter '{name}' of {values.Length} values " +
                    (given is null ? "is missing." : $"is given {given.Length} values."));
            }
        }

        if (counters.Count != own.Count)
        {
            throw new ArgumentException($"{GetType().Name} state: unexpected counter '" +
                $"{counters.Keys.Except(own.Keys).First()}'.");
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and ≥ 0.</summary>
    protected static void CheckNonNegative(float value, string what, string paramName)
    {
        if (!(value >= 0f) || float.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"Invalid {what}: {value}; it must be ≥ 0.");
        }
    }
}
