using System.Reflection;

namespace Tango.Losses.Catalog;

/// <summary>
/// A catalogued component: its name, family, one-line summary, constructor parameters with types, defaults and
/// descriptions, and a factory that builds it from typed arguments (named values; missing ones take their
/// defaults) or from text (for the command line: numbers, booleans, enum names, component names, lists).
/// </summary>
public sealed class ComponentDescriptor
{
    private readonly ConstructorInfo _constructor;

    internal ComponentDescriptor(Type type, ComponentKind kind, string summary, ConstructorInfo constructor,
        IReadOnlyList<ParameterDescriptor> parameters)
    {
        Type = type;
        Kind = kind;
        Summary = summary;
        _constructor = constructor;
        Parameters = parameters;
    }

    /// <summary>The class name (what users type).</summary>
    public string Name => Type.Name;

    /// <summary>The class.</summary>
    public Type Type { get; }

    /// <summary>The family.</summary>
    public ComponentKind Kind { get; }

    /// <summary>One line: what it does and its source.</summary>
    public string Summary { get; }

    /// <summary>The constructor parameters, in order.</summary>
    public IReadOnlyList<ParameterDescriptor> Parameters { get; }

    /// <summary>
    /// Builds the component from typed <paramref name="arguments"/> (by parameter name; an unknown name or a value
    /// of the wrong type is an error naming both).
    /// </summary>
    public object Create(IReadOnlyDictionary<string, object?>? arguments = null)
    {
        arguments ??= new Dictionary<string, object?>();
        foreach (var name in arguments.Keys)
        {
            if (!Parameters.Any(p => p.Name == name))
            {
                throw new ArgumentException($"{Name} has no parameter '{name}'; its parameters are: " +
                    $"{string.Join(", ", Parameters.Select(p => p.Name))}.");
            }
        }

        var values = Parameters.Select(p => Value(p, arguments)).ToArray();
        try
        {
            return _constructor.Invoke(values);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is ArgumentException inner)
        {
            throw new ArgumentException($"{Name}: {inner.Message}", inner);
        }
    }

    /// <summary>Builds the component from text values (see <see cref="ArgumentText"/> for the formats).</summary>
    public object CreateFromText(IReadOnlyDictionary<string, string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var typed = new Dictionary<string, object?>();
        foreach (var (name, text) in arguments)
        {
            var parameter = Parameters.FirstOrDefault(p => p.Name == name) ?? throw new ArgumentException(
                $"{Name} has no parameter '{name}'; its parameters are: " +
                $"{string.Join(", ", Parameters.Select(p => p.Name))}.");
            typed[name] = ArgumentText.Parse(text, parameter.Type, $"{Name}.{name}");
        }

        return Create(typed);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Kind}): {Summary}";

    private object? Value(ParameterDescriptor p, IReadOnlyDictionary<string, object?> arguments)
    {
        if (!arguments.TryGetValue(p.Name, out var value))
        {
            return p.HasDefault ? p.Default : throw new ArgumentException($"{Name} needs a value for '{p.Name}' " +
                $"({p.TypeName}).");
        }

        bool wrong = value is null
            ? p.Type.IsValueType && Nullable.GetUnderlyingType(p.Type) is null
            : !p.Type.IsInstanceOfType(value)
                && !(Nullable.GetUnderlyingType(p.Type)?.IsInstanceOfType(value) ?? false);
        if (wrong)
        {
            throw new ArgumentException(
                $"{Name}.{p.Name} needs a {p.TypeName}; got {value?.GetType().Name ?? "null"}.");
        }

        return value;
    }
}
