using System.Text.Json;
using Tango.Core;

namespace Tango.NN.Serialization;

/// <summary>
/// Parses and validates a safetensors JSON header against the size of the data buffer after it. Every problem
/// becomes an <see cref="InvalidDataException"/> naming the file, the tensor and what was expected. The checks
/// follow the reference implementation (huggingface/safetensors): known dtype, shape and byte length agree,
/// and the tensors, sorted by offset, tile the buffer exactly (no gap, overlap or overrun).
/// </summary>
internal sealed class SafeTensorsHeader
{
    private readonly string _path;

    private SafeTensorsHeader(string path) => _path = path;

    /// <summary>Tensor records, sorted by their begin offset.</summary>
    public List<SafeTensorsEntry> Entries { get; } = [];

    /// <summary>The free-form string map under <c>__metadata__</c> (empty if absent).</summary>
    public Dictionary<string, string> Metadata { get; } = new(StringComparer.Ordinal);

    public static SafeTensorsHeader Parse(string path, ReadOnlyMemory<byte> json, long bufferLength)
    {
        var header = new SafeTensorsHeader(path);
        // JsonDocument only notices bad UTF-8 inside names when they are read; check it all up front.
        if (!System.Text.Unicode.Utf8.IsValid(json.Span))
        {
            throw header.Error("the header is not valid JSON (it is not valid UTF-8)");
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException ex)
        {
            throw header.Error($"the header is not valid JSON ({ex.Message})");
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw header.Error($"the header must be a JSON object; it is a {doc.RootElement.ValueKind}");
            }

            header.ReadEntries(doc.RootElement);
        }

        header.CheckTiling(bufferLength);
        return header;
    }

    /// <summary>An error about this file.</summary>
    public InvalidDataException Error(string problem) => new($"Safetensors file '{_path}': {problem}.");

    private void ReadEntries(JsonElement root)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!names.Add(property.Name))
            {
                throw Error($"the name '{property.Name}' appears more than once in the header");
            }

            if (property.Name == "__metadata__")
            {
                ReadMetadata(property.Value);
            }
            else
            {
                Entries.Add(ReadEntry(property.Name, property.Value));
            }
        }

        Entries.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
    }

    private void ReadMetadata(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Error("'__metadata__' must be an object mapping strings to strings");
        }

        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
            {
                throw Error($"'__metadata__' entry '{item.Name}' must be a string; it is a {item.Value.ValueKind}");
            }

            Metadata[item.Name] = item.Value.GetString()!;
        }
    }

    private SafeTensorsEntry ReadEntry(string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Error($"tensor '{name}' must be an object with dtype, shape and data_offsets");
        }

        if (!value.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
        {
            throw Error($"tensor '{name}' has no string 'dtype'");
        }

        string dtype = dtypeElement.GetString()!;
        int size = SafeTensorsDType.SizeOf(dtype);
        if (size == 0)
        {
            throw Error($"tensor '{name}' has unknown or unsupported dtype '{dtype}' " +
                $"(Tango reads {SafeTensorsDType.Supported})");
        }

        var shape = ReadIntegers(name, value, "shape", maxCount: int.MaxValue);
        var offsets = ReadIntegers(name, value, "data_offsets", maxCount: 2);
        if (offsets.Length != 2 || offsets[0] > offsets[1])
        {
            throw Error($"tensor '{name}' needs 'data_offsets' [begin, end] with begin ≤ end");
        }

        if (shape.Length > Tensor.MaxRank)
        {
            throw Error($"tensor '{name}' has rank {shape.Length}; Tango tensors have rank 0 to {Tensor.MaxRank}");
        }

        long count = ElementCount(shape);
        if (count < 0)
        {
            throw Error($"tensor '{name}' of shape [{string.Join(", ", shape)}] has more elements than Tango can hold");
        }

        var dims = Array.ConvertAll(shape, d => (int)d);
        long bytes = count * size;
        if ((ulong)bytes != offsets[1] - offsets[0])
        {
            throw Error($"tensor '{name}' of dtype {dtype} and shape {Shapes.Format(dims)} needs {bytes} bytes " +
                $"but its data_offsets [{offsets[0]}, {offsets[1]}] span {offsets[1] - offsets[0]}");
        }

        return new SafeTensorsEntry(name, dtype, dims, (long)offsets[0], (long)offsets[1]);
    }

    // Π shape, or −1 when it exceeds one array (extents ≤ int.MaxValue keep the running product below 2⁶²).
    private static long ElementCount(ulong[] shape)
    {
        if (shape.Any(d => d > int.MaxValue))
        {
            return -1;
        }

        long count = 1;
        foreach (ulong d in shape)
        {
            count *= (long)d;
            if (count > Array.MaxLength)
            {
                return shape.Contains(0UL) ? 0 : -1;
            }
        }

        return count;
    }

    private ulong[] ReadIntegers(string name, JsonElement value, string key, int maxCount)
    {
        if (!value.TryGetProperty(key, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw Error($"tensor '{name}' has no array '{key}'");
        }

        var result = new List<ulong>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetUInt64(out ulong v) || result.Count >= maxCount)
            {
                throw Error($"tensor '{name}': '{key}' must hold non-negative integers" +
                    (maxCount < int.MaxValue ? $" ({maxCount} of them)" : ""));
            }

            result.Add(v);
        }

        return [.. result];
    }

    // Sorted by begin, each tensor must start where the previous one ended, and the last must end at the buffer's end.
    private void CheckTiling(long bufferLength)
    {
        long expected = 0;
        SafeTensorsEntry? previous = null;
        foreach (var e in Entries)
        {
            if (e.Begin < expected)
            {
                throw Error($"tensor '{e.Name}' bytes [{e.Begin}, {e.End}) overlap tensor '{previous!.Name}' " +
                    $"bytes [{previous.Begin}, {previous.End})");
            }

            if (e.Begin > expected)
            {
                throw Error($"data buffer bytes [{expected}, {e.Begin}) belong to no tensor (a gap before '{e.Name}')");
            }

            if (e.End > bufferLength)
            {
                throw Error($"tensor '{e.Name}' bytes [{e.Begin}, {e.End}) run past the end of the data buffer " +
                    $"({bufferLength} bytes); the file may be truncated");
            }

            expected = e.End;
            previous = e;
        }

        if (expected != bufferLength)
        {
            throw Error($"the data buffer has {bufferLength} bytes but the tensors cover only {expected}");
        }
    }
}
