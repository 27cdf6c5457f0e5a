using System.Globalization;
using System.Text.Json;
using Tango.Core;
using Tango.Data;
using Tango.Evaluation;
using Tango.NN;
using Tango.NN.Serialization;
using Tango.Training;
using Tango.Training.Reporting;

namespace Tango.Cli;

/// <summary>
/// Writes the files of a run folder, each atomically: model.safetensors (with the MLP spec in its metadata),
/// metrics.json, embeddings.npy and heldout-labels.npy (the held-out set after training), and report.html.
/// config.json and checkpoint.safetensors are written while training.
/// </summary>
internal static class RunFolder
{
    public const string SpecKey = "tango.mlp";
    private const int ScatterPoints = 2000;

    public static void Write(string folder, TrainConfig config, MlpSpec spec, Module model, TrainData data,
        Module untrained, Tensor after, TrainingResult result,
        List<KeyValuePair<string, IReadOnlyDictionary<AccuracyMetric, double>>> comparison, double seconds)
    {
        SafeTensors.Save(Path.Combine(folder, "model.safetensors"), model,
            new Dictionary<string, string> { [SpecKey] = JsonSerializer.Serialize(spec) });
        RunFiles.WriteMetrics(Path.Combine(folder, "metrics.json"), result.History);
        NpyFile.Write(Path.Combine(folder, "embeddings.npy"), after);
        NpyFile.Write(Path.Combine(folder, "heldout-labels.npy"), data.TestLabels.AsSpan(), data.TestLabels.Length);

        // The scatter shows an evenly spaced subset of the held-out rows (all of them when few).
        int n = data.TestLabels.Length, shown = Math.Min(n, ScatterPoints);
        var rows = Enumerable.Range(0, shown).Select(i => (int)((long)i * n / shown)).ToArray();
        using var before = HeldOutEvaluator.Embed(untrained, data.TestFeatures.IndexSelect(0, rows));
        using var afterShown = after.IndexSelect(0, rows);
        var content = new ReportContent
        {
            Title = $"Tango training report: {data.Dataset.Name}",
            Summary = string.Create(CultureInfo.InvariantCulture,
                $"{config.Loss} + {config.Miner} on an MLP {spec}; {data.SplitText}. {result.LastEpoch} epochs" +
                $"{(result.StoppedEarly ? " (stopped early)" : "")} in {seconds:F1} s in total, " +
                $"{result.History.Where(h => h.Epoch > 0).Sum(h => h.Seconds):F1} s in epochs."),
            Comparison = comparison,
            History = result.History,
            ScatterLabels = [.. rows.Select(r => data.TestLabels[r])],
            ClassNames = data.Dataset.ClassNames,
            ScatterBefore = Pca.Project2(before.Span, shown, before.Dim(1)),
            ScatterAfter = Pca.Project2(afterShown.Span, shown, afterShown.Dim(1)),
            Settings = Settings(config),
        };
        RunFiles.WriteText(Path.Combine(folder, "report.html"), HtmlReport.Render(content));
    }

    private static List<KeyValuePair<string, string>> Settings(TrainConfig config)
    {
        using var doc = JsonDocument.Parse(config.ToJson());
        return [.. doc.RootElement.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name,
            p.Value.ValueKind == JsonValueKind.Array
                ? string.Join(", ", p.Value.EnumerateArray().Select(v => v.ToString()))
                : p.Value.ToString()))];
    }
}
