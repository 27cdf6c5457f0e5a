using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;
using Tango.Core;

namespace Tango.NN.Serialization;

/// <summary>
/// Reads and writes the safetensors format (huggingface/safetensors): an 8-byte little-endian header length N,
/// N bytes of JSON <c>{"name": {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {...}}</c>
/// padded with spaces to a multiple of 8, then the raw little-endian data with offsets relative to its start.
/// Files are written to a temporary name in the target folder and renamed, so a failed save never leaves a
/// half-written file. Loading validates the whole header before reading data.
/// </summary>
public static class SafeTensors
{
    /// <summary>The largest header accepted (the reference implementation's bound).</summary>
    public const long MaxHeaderBytes = 100_000_000;

    /// <summary>Writes the tensors as F32, sorted by name, with optional string metadata.</summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tensors);
        var names = tensors.Keys.Order(StringComparer.Ordinal).ToArray();
        foreach (var name in names)
        {
            if (string.IsNullOrEmpty(name) || name == "__metadata__")
            {
                throw new ArgumentException($"'{name}' cannot name a tensor in a safetensors file.", nameof(tensors));
            }

            if (tensors[name].IsDisposed)
            {
                throw new ArgumentException($"Tensor '{name}' is disposed.", nameof(tensors));
            }
        }

        var header = BuildHeader(names, tensors, metadata);
        WriteAtomically(Path.GetFullPath(path), stream =>
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
            stream.Write(length);
            stream.Write(header);
            foreach (var name in names)
            {
                WriteFloats(stream, tensors[name].Span);
            }
        });
    }

    /// <summary>Writes a module's <see cref="Module.StateDict"/> (parameters and buffers).</summary>
    public static void Save(string path, Module module, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        Save(path, module.StateDict(), metadata);
    }

    /// <summary>Reads every tensor (converted to float32), in file order.</summary>
    public static Dictionary<string, Tensor> Load(string path) => Read(path, withData: true).Tensors;

    /// <summary>Reads the <c>__metadata__</c> map (empty if the file has none), validating the header.</summary>
    public static IReadOnlyDictionary<string, string> LoadMetadata(string path) => Read(path, withData: false).Metadata;

    /// <summary>
    /// Copies the file's tensors into the module's parameters and buffers by name, as PyTorch's
    /// <c>load_state_dict</c>. A shape mismatch always throws; missing or unexpected names throw when
    /// <paramref name="strict"/>, else they are returned. Nothing is copied unless everything checks out.
    /// </summary>
    public static LoadResult LoadInto(Module module, string path, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(module);
        var state = module.StateDict();
        var loaded = Load(path);
        try
        {
            var missing = state.Keys.Where(k => !loaded.ContainsKey(k)).ToList();
            var unexpected = loaded.Keys.Where(k => !state.ContainsKey(k)).ToList();
            var mismatched = loaded
                .Where(kv => state.TryGetValue(kv.Key, out var t) && !Shapes.Equal(t.Shape, kv.Value.Shape))
                .Select(kv => $"'{kv.Key}': file has {kv.Value.ShapeString}, module has {state[kv.Key].ShapeString}")
                .ToList();
            var problems = new List<string>();
            if (mismatched.Count > 0)
            {
                problems.Add("shape mismatch for " + string.Join(", ", mismatched));
            }

            if (strict && missing.Count > 0)
            {
                problems.Add("missing keys " + string.Join(", ", missing.Select(k => $"'{k}'")));
            }

            if (strict && unexpected.Count > 0)
            {
                problems.Add("unexpected keys " + string.Join(", ", unexpected.Select(k => $"'{k}'")));
            }

            if (problems.Count > 0)
            {
                throw new InvalidDataException(
                    $"Safetensors file '{path}' does not fit {module.GetType().Name}: {string.Join("; ", problems)}.");
            }

            foreach (var (name, tensor) in loaded)
            {
                if (state.TryGetValue(name, out var target))
                {
                    tensor.Span.CopyTo(target.Span);
                }
            }

            return new LoadResult(missing, unexpected);
        }
        finally
        {
            foreach (var t in loaded.Values)
            {
                t.Dispose();
            }
        }
    }

    private static byte[] BuildHeader(string[] names, IReadOnlyDictionary<string, Tensor> tensors,
        IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject("__metadata__");
                foreach (var (key, value) in metadata)
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
            }

            long offset = 0;
            foreach (var name in names)
            {
                var t = tensors[name];
                json.WriteStartObject(name);
                json.WriteString("dtype", "F32");
                json.WriteStartArray("shape");
                foreach (int d in t.Shape)
                {
                    json.WriteNumberValue(d);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset += 4L * t.Size);
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        // Pad with spaces so the data starts 8-byte aligned (allowed by the format).
        while ((buffer.Length & 7) != 0)
        {
            buffer.WriteByte((byte)' ');
        }

        return buffer.ToArray();
    }

    private static void WriteFloats(Stream stream, ReadOnlySpan<float> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(values));
            return;
        }

        Span<byte> b = stackalloc byte[4];
        foreach (float v in values)
        {
            BinaryPrimitives.WriteSingleLittleEndian(b, v);
            stream.Write(b);
        }
    }

    private static void WriteAtomically(string path, Action<Stream> write)
    {
        string dir = Path.GetDirectoryName(path) ?? ".";
        string temp = Path.Combine(dir, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private static (Dictionary<string, Tensor> Tensors, Dictionary<string, string> Metadata) Read(
        string path, bool withData)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var handle = File.OpenHandle(path);
        long fileLength = RandomAccess.GetLength(handle);
        var header = ReadHeader(path, handle, fileLength, out long dataStart);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        if (!withData)
        {
            return (tensors, header.Metadata);
        }

        foreach (var e in header.Entries)
        {
            var t = Tensor.Uninitialized(e.Shape);
            if (e.DType == "F32" && BitConverter.IsLittleEndian)
            {
                ReadExactly(handle, MemoryMarshal.AsBytes(t.Span), dataStart + e.Begin);
            }
            else
            {
                var bytes = new byte[e.End - e.Begin];
                ReadExactly(handle, bytes, dataStart + e.Begin);
                SafeTensorsDType.ToFloat(e.DType, bytes, t.Span);
            }

            tensors.Add(e.Name, t);
        }

        return (tensors, header.Metadata);
    }

    private static SafeTensorsHeader ReadHeader(string path, Microsoft.Win32.SafeHandles.SafeFileHandle handle,
        long fileLength, out long dataStart)
    {
        if (fileLength < 8)
        {
            throw new InvalidDataException($"Safetensors file '{path}': the file is {fileLength} bytes; a " +
                "safetensors file starts with an 8-byte little-endian header length.");
        }

        Span<byte> prefix = stackalloc byte[8];
        ReadExactly(handle, prefix, 0);
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (n > MaxHeaderBytes)
        {
            throw new InvalidDataException($"Safetensors file '{path}': the header length {n} exceeds the " +
                $"limit of {MaxHeaderBytes} bytes (is this a safetensors file?).");
        }

        if ((long)n > fileLength - 8)
        {
            throw new InvalidDataException($"Safetensors file '{path}': the header length {n} runs past the end " +
                $"of the file ({fileLength} bytes); the file may be truncated.");
        }

        var json = new byte[n];
        ReadExactly(handle, json, 8);
        dataStart = 8 + (long)n;
        return SafeTensorsHeader.Parse(path, json, fileLength - dataStart);
    }

    private static void ReadExactly(Microsoft.Win32.SafeHandles.SafeFileHandle handle, Span<byte> buffer, long offset)
    {
        while (!buffer.IsEmpty)
        {
            int read = RandomAccess.Read(handle, buffer, offset);
            if (read == 0)
            {
                throw new EndOfStreamException($"Unexpected end of file at byte {offset}.");
            }

            buffer = buffer[read..];
            offset += read;
        }
    }
}
