using System.Globalization;
using Tango.Core;

namespace Tango.Losses.Catalog;

/// <summary>
/// Parses command-line text into a constructor argument: numbers (invariant culture), true/false, enum member names
/// (case-insensitive), a catalogued component by name (with its defaults), an <see cref="Rng"/> from a seed,
/// comma-separated lists (float[] or components), "low:high" for a range, "name=Component,..." for a reducer map,
/// and "null" for an optional value.
/// </summary>
public static class ArgumentText
{
    /// <summary>
    /// Parses <paramref name="text"/> as a value of <paramref name="type"/>; <paramref name="what"/> names it in
    /// errors.
    /// </summary>
    public static object? Parse(string text, Type type, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(type);
        text = text.Trim();
        var inner = Nullable.GetUnderlyingType(type);
        if (text == "null" && (inner is not null || !type.IsValueType))
        {
            return null;
        }

        type = inner ?? type;
        try
        {
            return ParseCore(text, type, what);
        }
        catch (FormatException)
        {
            throw new ArgumentException($"{what}: '{text}' is not a valid {ParameterDescriptor.Describe(type)}.");
        }
        catch (OverflowException)
        {
            throw new ArgumentException($"{what}: '{text}' is out of range for {ParameterDescriptor.Describe(type)}.");
        }
    }

    private static object ParseCore(string text, Type type, string what)
    {
        if (type == typeof(float))
        {
            return float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        if (type == typeof(int))
        {
            return int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
        }

        if (type == typeof(bool))
        {
            return bool.Parse(text);
        }

        if (type.IsEnum)
        {
            return Enum.TryParse(type, text, ignoreCase: true, out var e) && Enum.IsDefined(type, e!)
                ? e!
                : throw new ArgumentException(
                    $"{what}: '{text}' is not one of {string.Join(", ", Enum.GetNames(type))}.");
        }

        if (type == typeof(Rng))
        {
            return new Rng(ulong.Parse(text, CultureInfo.InvariantCulture));
        }

        if (type == typeof(float[]))
        {
            return Split(text).Select(s => (float)ParseCore(s, typeof(float), what)).ToArray();
        }

        if (type == typeof((float, float)))
        {
            var parts = text.Split(':');
            return parts.Length == 2
                ? ((float)ParseCore(parts[0], typeof(float), what), (float)ParseCore(parts[1], typeof(float), what))
                : throw new ArgumentException($"{what}: a range is written low:high; got '{text}'.");
        }

        return ParseComposite(text, type, what);
    }

    private static object ParseComposite(string text, Type type, string what)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            var element = type.GetGenericArguments()[0];
            var items = Split(text).Select(s => element == typeof(float) ? ParseCore(s, element, what)
                : s == "null" ? null : Component(s, element, what)).ToArray();
            var list = Array.CreateInstance(element, items.Length);
            for (int i = 0; i < items.Length; i++)
            {
                list.SetValue(items[i], i);
            }

            return list;
        }

        if (type == typeof(IReadOnlyDictionary<string, Reducers.Reducer>))
        {
            return Split(text).Select(s => s.Split('=', 2)).ToDictionary(
                kv => kv[0].Trim(),
                kv => kv.Length == 2 ? (Reducers.Reducer)Component(kv[1].Trim(), typeof(Reducers.Reducer), what)
                    : throw new ArgumentException($"{what}: write name=Reducer pairs; got '{string.Join("=", kv)}'."));
        }

        return Component(text, type, what);
    }

    private static object Component(string name, Type type, string what)
    {
        var descriptor = LossCatalog.Find(name);
        return type.IsAssignableFrom(descriptor.Type)
            ? descriptor.Create()
            : throw new ArgumentException($"{what}: {name} is a {descriptor.Kind}, not a {type.Name}.");
    }

    private static string[] Split(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
