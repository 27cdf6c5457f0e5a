using Tango.Core;

namespace Tango.NN;

/// <summary>Applies its modules in order; they are named "0", "1", … (so parameters read <c>0.weight</c>).</summary>
public sealed class Sequential : Module
{
    private readonly List<Module> _modules = [];

    /// <summary>Creates the chain.</summary>
    public Sequential(params IEnumerable<Module> modules)
    {
        foreach (var m in modules)
        {
            Append(m);
        }
    }

    /// <summary>Number of modules.</summary>
    public int Count => _modules.Count;

    /// <summary>The module at <paramref name="index"/>.</summary>
    public Module this[int index] => _modules[index];

    /// <summary>Adds a module at the end.</summary>
    public Sequential Append(Module module)
    {
        string name = _modules.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _modules.Add(RegisterModule(name, module));
        return this;
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        var x = input;
        foreach (var m in _modules)
        {
            x = m.Forward(x);
        }

        return x;
    }
}
