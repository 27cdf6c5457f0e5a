using System.Globalization;
using System.Text.Json;

namespace Tango.Data.Text;

/// <summary>Reads JSON Lines files: one JSON object per non-blank line, each reported with its line number.</summary>
internal static class JsonLines
{
    /// <summary>The objects of the file in order; a line that is not a JSON object throws naming it.</summary>
    public static IEnumerable<(int Line, JsonElement Object)> Objects(string path)
    {
        foreach (var (line, text) in TextTable.Lines(path))
        {
            JsonElement root;
            try
            {
                using var doc = JsonDocument.Parse(text);
                root = doc.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new DataFormatException(path, line, $"malformed JSON ({Brief(e)}); expected one JSON object " +
                                                          "per line.");
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new DataFormatException(path, line, $"expected a JSON object {{...}}, found a {Kind(root)}.");
            }

            yield return (line, root);
        }
    }

    /// <summary>The first of <paramref name="names"/> present in the object, or null.</summary>
    public static string? FindField(JsonElement obj, IEnumerable<string> names) =>
        names.FirstOrDefault(n => obj.TryGetProperty(n, out _));

    /// <summary>A string or a number as text (ids may be written either way).</summary>
    public static string Text(JsonElement value, string path, int line, string field) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetRawText(),
        _ => throw new DataFormatException(path, line,
            $"field '{field}': expected a string or a number, found a {Kind(value)}."),
    };

    /// <summary>A number, or a string holding one, as float.</summary>
    public static float Number(JsonElement value, string path, int line, string field)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double d))
        {
            return Finite((float)d, path, line, field);
        }

        if (value.ValueKind == JsonValueKind.True || value.ValueKind == JsonValueKind.False)
        {
            return value.ValueKind == JsonValueKind.True ? 1f : 0f;
        }

        if (value.ValueKind == JsonValueKind.String && float.TryParse(value.GetString(), NumberStyles.Float,
                CultureInfo.InvariantCulture, out float f))
        {
            return Finite(f, path, line, field);
        }

        throw new DataFormatException(path, line, $"field '{field}': expected a number, found {Show(value)}.");
    }

    /// <summary>A short description of a JSON value for messages.</summary>
    public static string Show(JsonElement value)
    {
        string raw = value.GetRawText();
        return raw.Length > 40 ? $"{Kind(value)} {raw[..37]}..." : $"{Kind(value)} {raw}";
    }

    public static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "value",
    };

    private static float Finite(float v, string path, int line, string field) => float.IsFinite(v)
        ? v
        : throw new DataFormatException(path, line, $"field '{field}': expected a finite number, found {v}.");

    private static string Brief(JsonException e)
    {
        string m = e.Message;
        int cut = m.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? m[..cut] : m;
    }
}
