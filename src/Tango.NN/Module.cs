using Tango.Core;

namespace Tango.NN;

/// <summary>
/// A network building block, like PyTorch's <c>nn.Module</c>: it owns parameters (leaf tensors that require a
/// gradient), buffers (state that is saved but not trained, such as running statistics) and child modules, all
/// named, so that <see cref="NamedParameters"/> and <see cref="StateDict"/> yield dotted names such as
/// <c>layers.0.weight</c>. Subclasses register what they own in their constructor and implement
/// <see cref="Forward"/>.
/// </summary>
public abstract class Module
{
    private readonly List<KeyValuePair<string, Tensor>> _parameters = [];
    private readonly List<KeyValuePair<string, Tensor>> _buffers = [];
    private readonly List<KeyValuePair<string, Module>> _children = [];

    /// <summary>True in training mode (the default); false after <see cref="Eval"/>.</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>The direct child modules, in registration order.</summary>
    public IReadOnlyList<Module> Children => [.. _children.Select(c => c.Value)];

    /// <summary>The direct child modules with their names.</summary>
    public IEnumerable<KeyValuePair<string, Module>> NamedChildren() => _children;

    /// <summary>Computes the module's output.</summary>
    public abstract Tensor Forward(Tensor input);

    /// <summary>Every parameter of this module and its descendants, each once, in registration order.</summary>
    public IEnumerable<Tensor> Parameters() => NamedParameters().Select(p => p.Value);

    /// <summary>Every parameter with its dotted name (own parameters first, then each child's, depth first).</summary>
    public IEnumerable<KeyValuePair<string, Tensor>> NamedParameters() =>
        Distinct(Collect(m => m._parameters, prefix: ""));

    /// <summary>Every buffer with its dotted name.</summary>
    public IEnumerable<KeyValuePair<string, Tensor>> NamedBuffers() => Distinct(Collect(m => m._buffers, prefix: ""));

    /// <summary>
    /// Parameters and buffers by dotted name, in PyTorch's <c>state_dict</c> order (a module's parameters, then
    /// its buffers, then its children). The tensors are the live ones, not copies.
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> StateDict()
    {
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, tensor) in Collect(m => m._parameters.Concat(m._buffers), prefix: ""))
        {
            state.TryAdd(name, tensor);
        }

        return state;
    }

    /// <summary>Sets training mode on this module and every descendant (dropout and batch norm depend on it).</summary>
    public Module Train(bool training = true)
    {
        IsTraining = training;
        foreach (var (_, child) in _children)
        {
            child.Train(training);
        }

        return this;
    }

    /// <summary>Sets evaluation mode on this module and every descendant; same as <c>Train(false)</c>.</summary>
    public Module Eval() => Train(false);

    /// <summary>Zeroes the gradient of every parameter, keeping the gradient buffers (no allocation).</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters())
        {
            p.ZeroGrad();
        }
    }

    /// <summary>
    /// Registers <paramref name="parameter"/> under <paramref name="name"/> and makes it require a gradient.
    /// It must be a leaf created outside any <see cref="Core.Memory.TensorScope"/>.
    /// </summary>
    protected Tensor RegisterParameter(string name, Tensor parameter)
    {
        if (!parameter.IsLeaf)
        {
            throw new ArgumentException($"Parameter '{name}' must be a leaf tensor; it was produced by " +
                $"{parameter.GradFnName}. Use Detach() first.", nameof(parameter));
        }

        CheckName(name);
        parameter.RequiresGrad = true;
        _parameters.Add(new(name, parameter));
        return parameter;
    }

    /// <summary>Registers a buffer: state saved in <see cref="StateDict"/> but not trained.</summary>
    protected Tensor RegisterBuffer(string name, Tensor buffer)
    {
        CheckName(name);
        _buffers.Add(new(name, buffer));
        return buffer;
    }

    /// <summary>Registers a child module; its parameters appear under <c>name.</c>.</summary>
    protected T RegisterModule<T>(string name, T module) where T : Module
    {
        ArgumentNullException.ThrowIfNull(module);
        CheckName(name);
        if (ReferenceEquals(module, this))
        {
            throw new ArgumentException("A module cannot be its own child.", nameof(module));
        }

        _children.Add(new(name, module));
        return module;
    }

    private void CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Name '{name}' must not contain '.'; dots separate child names.",
                nameof(name));
        }

        if (_parameters.Any(p => p.Key == name) || _buffers.Any(b => b.Key == name)
            || _children.Any(c => c.Key == name))
        {
            throw new ArgumentException($"{GetType().Name} already has a member named '{name}'.", nameof(name));
        }
    }

    // Depth-first walk; a module shared by two parents is visited through each, Distinct drops repeats.
    private IEnumerable<KeyValuePair<string, Tensor>> Collect(
        Func<Module, IEnumerable<KeyValuePair<string, Tensor>>> own, string prefix)
    {
        foreach (var (name, tensor) in own(this))
        {
            yield return new(prefix + name, tensor);
        }

        foreach (var (name, child) in _children)
        {
            foreach (var item in child.Collect(own, prefix + name + "."))
            {
                yield return item;
            }
        }
    }

    private static IEnumerable<KeyValuePair<string, Tensor>> Distinct(IEnumerable<KeyValuePair<string, Tensor>> items)
    {
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        return items.Where(item => seen.Add(item.Value));
    }
}
