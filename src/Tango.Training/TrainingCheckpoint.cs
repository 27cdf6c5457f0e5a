using System.Text;
using System.Text.Json;
using Tango.Core;
using Tango.NN.Optimizers;
using Tango.NN.Serialization;

namespace Tango.Training;

/// <summary>
/// The checkpoint file of a <see cref="Trainer"/>: one safetensors file (written to a temporary name and renamed)
/// whose tensors are the model's state (<c>model/…</c>), the loss's parameters (<c>loss/…</c>), the optimizer's
/// buffers (<c>optimizer/…</c>) and the best weights so far (<c>best/…</c>), and whose <c>__metadata__</c> entry
/// <c>tango.checkpoint</c> holds the rest as JSON: epoch, optimizer step count, learning rate and counters,
/// early-stopping state, the history, and a clustered sampler's cluster assignments.
/// </summary>
public static class TrainingCheckpoint
{
    private const string MetadataKey = "tango.checkpoint";
    private const int FormatVersion = 1;

    /// <summary>The epoch a checkpoint file was written after (reads only the header).</summary>
    public static int ReadEpoch(string path)
    {
        using var doc = ReadMetadata(path);
        return doc.RootElement.GetProperty("epoch").GetInt32();
    }

    internal static void Save(string path, TrainerState state)
    {
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            Add(tensors, "model/", state.Model);
            Add(tensors, "loss/", state.Loss);
            Add(tensors, "optimizer/", state.Optimizer.Buffers);
            if (state.BestWeights is not null)
            {
                Add(tensors, "best/", state.BestWeights);
            }

            var metadata = new Dictionary<string, string> { [MetadataKey] = MetadataJson(state) };
            string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (dir is not null)
            {
                Directory.CreateDirectory(dir);
            }

            SafeTensors.Save(path, tensors, metadata);
        }
        finally
        {
            foreach (var t in tensors.Values)
            {
                t.Dispose();
            }
        }
    }

    internal static TrainerState Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Checkpoint '{path}' does not exist.", path);
        }

        using var doc = ReadMetadata(path);
        var root = doc.RootElement;
        var loaded = SafeTensors.Load(path);
        try
        {
            var groups = new Dictionary<string, Dictionary<string, float[]>>(StringComparer.Ordinal);
            foreach (var (name, tensor) in loaded)
            {
                int slash = name.IndexOf('/', StringComparison.Ordinal);
                string group = slash < 0 ? "" : name[..slash];
                if (!groups.TryGetValue(group, out var g))
                {
                    groups[group] = g = new Dictionary<string, float[]>(StringComparer.Ordinal);
                }

                g[name[(slash + 1)..]] = tensor.ToArray();
            }

            Dictionary<string, float[]> Group(string g) =>
                groups.GetValueOrDefault(g) ?? new Dictionary<string, float[]>(StringComparer.Ordinal);
            var opt = root.GetProperty("optimizer");
            var counters = opt.GetProperty("counters").EnumerateObject().ToDictionary(p => p.Name,
                p => p.Value.EnumerateArray().Select(v => v.GetInt64()).ToArray(), StringComparer.Ordinal);
            return new TrainerState
            {
                Epoch = root.GetProperty("epoch").GetInt32(),
                Model = Group("model"),
                Loss = Group("loss"),
                Optimizer = new OptimizerState(opt.GetProperty("stepCount").GetInt64(),
                    opt.GetProperty("learningRate").GetSingle(), Group("optimizer"), counters),
                History = [.. root.GetProperty("history").EnumerateArray().Select(JsonValues.ReadRecord)],
                BestValue = JsonValues.Number(root, "bestValue"),
                BestEpoch = root.GetProperty("bestEpoch").GetInt32(),
                BadEvaluations = root.GetProperty("badEvaluations").GetInt32(),
                Stopped = root.GetProperty("stopped").GetBoolean(),
                BestWeights = groups.GetValueOrDefault("best"),
                SamplerAssignments = root.TryGetProperty("sampler", out var sampler)
                    ? [.. sampler.GetProperty("assignments").EnumerateArray().Select(v => v.GetInt32())] : null,
                SamplerRefreshedAt = root.TryGetProperty("sampler", out var s2)
                    ? s2.GetProperty("refreshedAtEpoch").GetInt32() : -1,
            };
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException
            or ArgumentException)
        {
            throw new InvalidDataException($"Checkpoint '{path}': its tango.checkpoint metadata is incomplete or " +
                $"malformed ({ex.Message}).", ex);
        }
        finally
        {
            foreach (var t in loaded.Values)
            {
                t.Dispose();
            }
        }
    }

    /// <summary>Copies saved values into live tensors; every name and size must match.</summary>
    internal static void CopyInto(string path, string what, Dictionary<string, float[]> saved,
        IReadOnlyDictionary<string, Tensor> live)
    {
        foreach (var (name, tensor) in live)
        {
            if (!saved.TryGetValue(name, out var values) || values.Length != tensor.Size)
            {
                throw new InvalidDataException($"Checkpoint '{path}' does not fit this {what}: '{name}' " +
                    (values is null ? "is missing." : $"has {values.Length} values, the {what} has {tensor.Size}."));
            }
        }

        var extra = saved.Keys.FirstOrDefault(k => !live.ContainsKey(k));
        if (extra is not null)
        {
            throw new InvalidDataException($"Checkpoint '{path}' does not fit this {what}: it has '{extra}', which " +
                $"the {what} lacks.");
        }

        foreach (var (name, tensor) in live)
        {
            saved[name].CopyTo(tensor.Span);
        }
    }

    private static JsonDocument ReadMetadata(string path)
    {
        var metadata = SafeTensors.LoadMetadata(path);
        if (!metadata.TryGetValue(MetadataKey, out var json))
        {
            throw new InvalidDataException($"'{path}' is a safetensors file but not a Tango checkpoint (no " +
                $"'{MetadataKey}' metadata).");
        }

        try
        {
            var doc = JsonDocument.Parse(json);
            int version = doc.RootElement.GetProperty("format").GetInt32();
            if (version != FormatVersion)
            {
                doc.Dispose();
                throw new InvalidDataException($"Checkpoint '{path}' has format {version}; this Tango reads " +
                    $"{FormatVersion}.");
            }

            return doc;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"Checkpoint '{path}': malformed {MetadataKey} metadata ({ex.Message}).",
                ex);
        }
    }

    private static void Add(Dictionary<string, Tensor> into, string prefix, IReadOnlyDictionary<string, float[]> values)
    {
        foreach (var (name, data) in values)
        {
            into[prefix + name] = Tensor.FromArray(data);
        }
    }

    private static string MetadataJson(TrainerState state)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("format", FormatVersion);
            json.WriteNumber("epoch", state.Epoch);
            JsonValues.Number(json, "bestValue", state.BestValue);
            json.WriteNumber("bestEpoch", state.BestEpoch);
            json.WriteNumber("badEvaluations", state.BadEvaluations);
            json.WriteBoolean("stopped", state.Stopped);
            json.WriteStartObject("optimizer");
            json.WriteNumber("stepCount", state.Optimizer.StepCount);
            json.WriteNumber("learningRate", state.Optimizer.LearningRate);
            json.WriteStartObject("counters");
            foreach (var (name, values) in state.Optimizer.Counters)
            {
                json.WriteStartArray(name);
                foreach (long v in values)
                {
                    json.WriteNumberValue(v);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndObject();
            if (state.SamplerAssignments is { } assignments)
            {
                json.WriteStartObject("sampler");
                json.WriteNumber("refreshedAtEpoch", state.SamplerRefreshedAt);
                json.WriteStartArray("assignments");
                foreach (int a in assignments)
                {
                    json.WriteNumberValue(a);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteStartArray("history");
            foreach (var record in state.History)
            {
                JsonValues.Write(json, record);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
