using System.Text.Json;

namespace Tango.Losses.Tests.Harness;

/// <summary>Reading numbers and arrays from the reference JSON (which spells non-finite values as strings).</summary>
internal static class Json
{
    public static double Number(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.String => e.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var s => throw new FormatException($"Not a number: '{s}'."),
        },
        JsonValueKind.True => 1,
        JsonValueKind.False => 0,
        _ => throw new FormatException($"Not a number: {e.ValueKind}."),
    };

    /// <summary>A nested array of numbers, flattened row-major, with its shape.</summary>
    public static (double[] Values, int[] Shape) Flatten(JsonElement e)
    {
        var values = new List<double>();
        var shape = new List<int>();
        Walk(e, 0, values, shape);
        return ([.. values], [.. shape]);
    }

    public static double[] Doubles(JsonElement e) => Flatten(e).Values;

    public static float[] Floats(JsonElement e) => [.. Flatten(e).Values.Select(v => (float)v)];

    public static int[] Ints(JsonElement e) => [.. e.EnumerateArray().Select(x => x.GetInt32())];

    public static JsonElement? Optional(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v
            : null;

    private static void Walk(JsonElement e, int depth, List<double> values, List<int> shape)
    {
        if (e.ValueKind != JsonValueKind.Array)
        {
            values.Add(Number(e));
            return;
        }

        int length = e.GetArrayLength();
        if (shape.Count == depth)
        {
            shape.Add(length);
        }

        foreach (var item in e.EnumerateArray())
        {
            Walk(item, depth + 1, values, shape);
        }
    }
}
