namespace Tango.Losses.Catalog;

/// <summary>
/// One constructor parameter of a catalogued component: its name (as in C#, camelCase), type, default value
/// (null for "the component's own default", see <see cref="DefaultText"/>) and description.
/// </summary>
public sealed record ParameterDescriptor(string Name, Type Type, object? Default, bool HasDefault, string Description)
{
    /// <summary>
    /// The default as shown to users, e.g. "0.05", "All", "(CosineSimilarity)" for a component default.
    /// </summary>
    public string DefaultText { get; init; } = HasDefault ? Format(Default) : "(required)";

    /// <summary>The type as shown to users.</summary>
    public string TypeName => Describe(Type);

    internal static string Format(object? value) => value switch
    {
        null => "null",
        float f => f.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => value.ToString() ?? "",
    };

    internal static string Describe(Type type)
    {
        var inner = Nullable.GetUnderlyingType(type);
        if (inner is not null)
        {
            return Describe(inner) + "?";
        }

        if (type.IsGenericType)
        {
            var args = string.Join(", ", type.GetGenericArguments().Select(Describe));
            return $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{args}>";
        }

        return type switch
        {
            _ when type == typeof(float) => "float",
            _ when type == typeof(int) => "int",
            _ when type == typeof(bool) => "bool",
            _ when type == typeof(float[]) => "float[]",
            _ => type.Name,
        };
    }
}
