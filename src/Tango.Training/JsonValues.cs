using System.Text.Json;
using Tango.Evaluation;

namespace Tango.Training;

/// <summary>JSON helpers shared by the checkpoint, metrics.json and the report: NaN and infinities as null.</summary>
internal static class JsonValues
{
    public static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    public static double Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;

    /// <summary>One history row: {"epoch", "loss", "lr", "seconds", "metrics": {key: value}}.</summary>
    public static void Write(Utf8JsonWriter json, EpochRecord record)
    {
        json.WriteStartObject();
        json.WriteNumber("epoch", record.Epoch);
        Number(json, "loss", record.Loss);
        Number(json, "lr", record.LearningRate);
        Number(json, "seconds", record.Seconds);
        json.WriteStartObject("metrics");
        foreach (var (metric, value) in record.Metrics)
        {
            Number(json, MetricNames.Key(metric), value);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    public static EpochRecord ReadRecord(JsonElement e)
    {
        var metrics = new Dictionary<AccuracyMetric, double>();
        if (e.TryGetProperty("metrics", out var m))
        {
            foreach (var p in m.EnumerateObject())
            {
                metrics[MetricNames.Parse(p.Name)] = p.Value.ValueKind == JsonValueKind.Number
                    ? p.Value.GetDouble() : double.NaN;
            }
        }

        return new EpochRecord(e.GetProperty("epoch").GetInt32(), Number(e, "loss"), Number(e, "lr"),
            Number(e, "seconds"), metrics);
    }
}
