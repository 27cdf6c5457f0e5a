using System.Text.Json;
using Tango.Core;

namespace Tango.Evaluation.Tests;

/// <summary>Reads Reference/st_golden.json (sentence-transformers 5.2.0.dev0; see Reference/README.md).</summary>
internal sealed class StReference
{
    private static readonly Lazy<StReference> Shared = new(() => new StReference());

    private readonly JsonElement _root;

    private StReference()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Reference", "st_golden.json");
        _root = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
    }

    public static StReference Instance => Shared.Value;

    /// <summary>Anchors a_i, positives p_i = a_i + 2·noise, negatives n_i (8 × 16), as float32.</summary>
    public Tensor A => Matrix("A");

    public Tensor P => Matrix("P");

    public Tensor N => Matrix("N");

    public JsonElement Evaluator(string name) => _root.GetProperty("evaluators").GetProperty(name);

    public double[,] Raw(string name)
    {
        var rows = _root.GetProperty("inputs").GetProperty(name).EnumerateArray()
            .Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        var m = new double[rows.Length, rows[0].Length];
        for (int i = 0; i < rows.Length; i++)
        {
            for (int j = 0; j < rows[0].Length; j++)
            {
                m[i, j] = rows[i][j];
            }
        }

        return m;
    }

    private Tensor Matrix(string name)
    {
        var raw = Raw(name);
        var data = new float[raw.Length];
        int cols = raw.GetLength(1);
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (float)raw[i / cols, i % cols];
        }

        return Tensor.FromArray(data, raw.GetLength(0), cols);
    }
}
