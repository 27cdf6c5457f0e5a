using System.Reflection;

namespace Tango.Losses.Catalog;

/// <summary>
/// Every loss, miner, distance, reducer and regulariser with its parameters and defaults, for listings
/// (<c>tango list</c>) and for building components by name (the command line). Descriptors are derived from each
/// class's public constructor — names, types and defaults cannot drift from the code — and registered one line per
/// class in <c>LossCatalog.&lt;Family&gt;.cs</c>; parameter descriptions come from <see cref="ParameterDocs"/>
/// unless the registration line overrides them.
/// </summary>
public static partial class LossCatalog
{
    private static readonly Lazy<List<ComponentDescriptor>> Entries = new(Build);

    /// <summary>Every descriptor, by family then registration order.</summary>
    public static IReadOnlyList<ComponentDescriptor> All => Entries.Value;

    /// <summary>The descriptors of one family.</summary>
    public static IEnumerable<ComponentDescriptor> OfKind(ComponentKind kind) => All.Where(d => d.Kind == kind);

    /// <summary>
    /// The descriptor named <paramref name="name"/> (case-insensitive), or an error listing the names.
    /// </summary>
    public static ComponentDescriptor Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException(
                $"Unknown component '{name}'. Known: {string.Join(", ", All.Select(d => d.Name))}.");
    }

    /// <summary>Builds the component named <paramref name="name"/> as a <typeparamref name="T"/>.</summary>
    public static T Create<T>(string name, IReadOnlyDictionary<string, object?>? arguments = null) where T : class
    {
        var descriptor = Find(name);
        return descriptor.Create(arguments) as T ?? throw new ArgumentException(
            $"{descriptor.Name} is a {descriptor.Kind}, not a {typeof(T).Name}.");
    }

    private static List<ComponentDescriptor> Build()
    {
        var list = new List<ComponentDescriptor>();
        AddLosses(list);
        AddMiners(list);
        AddDistances(list);
        AddReducers(list);
        AddRegularizers(list);
        var duplicate = list.GroupBy(d => d.Name).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? list : throw new InvalidOperationException($"{duplicate.Key} is registered twice.");
    }

    /// <summary>
    /// Describes <typeparamref name="T"/> from its public constructor with the most parameters. <paramref name="docs"/>
    /// are "parameter=description" overrides of <see cref="ParameterDocs"/>.
    /// </summary>
    private static ComponentDescriptor Describe<T>(ComponentKind kind, string summary, params string[] docs)
    {
        var ctor = typeof(T).GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .OrderByDescending(c => c.GetParameters().Length).First();
        var overrides = docs.Select(d => d.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
        var parameters = ctor.GetParameters().Select(p => Parameter(p, overrides)).ToList();
        var descriptor = new ComponentDescriptor(typeof(T), kind, summary, ctor, parameters);
        return WithComponentDefaults(descriptor, parameters);
    }

    private static ParameterDescriptor Parameter(ParameterInfo p, Dictionary<string, string> overrides)
    {
        string name = p.Name!;
        string doc = overrides.GetValueOrDefault(name) ?? ParameterDocs.For(name)
            ?? throw new InvalidOperationException(
                $"No description for parameter '{name}' of {p.Member.DeclaringType?.Name}.");
        var descriptor = new ParameterDescriptor(name, p.ParameterType, p.HasDefaultValue ? p.DefaultValue : null,
            p.HasDefaultValue, doc);
        return p.ParameterType == typeof(Core.Rng) && p.HasDefaultValue && p.DefaultValue is null
            ? descriptor with { DefaultText = "(seed 0)" }
            : descriptor;
    }

    // A null default for a component parameter means "the class's own default": show which, read from a default
    // instance's property of the same name (distance → Distance).
    private static ComponentDescriptor WithComponentDefaults(ComponentDescriptor d,
        List<ParameterDescriptor> parameters)
    {
        if (parameters.Any(p => !p.HasDefault))
        {
            return d;
        }

        object instance;
        try
        {
            instance = d.Create();
        }
        catch (ArgumentException)
        {
            return d; // the defaults alone are not a valid combination (ThresholdReducer needs a bound)
        }

        for (int i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            if (p.Default is null && d.Type.GetProperty(char.ToUpperInvariant(p.Name[0]) + p.Name[1..]) is { } prop)
            {
                var value = prop.GetValue(instance);
                parameters[i] = p with { DefaultText = value is null ? "null" : $"({Short(value)})" };
            }
        }

        return d;
    }

    private static string Short(object value) => value switch
    {
        Distances.Distance or Reducers.Reducer or Regularizers.Regularizer => value.GetType().Name,
        _ => ParameterDescriptor.Format(value),
    };
}
