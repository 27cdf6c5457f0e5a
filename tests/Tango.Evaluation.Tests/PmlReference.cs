using System.Text.Json;
using Tango.Core;
using Tango.Search;

namespace Tango.Evaluation.Tests;

/// <summary>Reads Reference/accuracy_calculator.json (pytorch-metric-learning 2.8.1; Reference/README.md).</summary>
internal sealed class PmlReference
{
    private static readonly Lazy<PmlReference> Shared = new(() => new PmlReference());

    private readonly JsonElement _root;

    private PmlReference()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Reference", "accuracy_calculator.json");
        _root = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
    }

    public static PmlReference Instance => Shared.Value;

    public Tensor Reference => Matrix("reference");

    public Tensor Query => Matrix("query");

    public int[] ReferenceLabels => Ints(_root.GetProperty("reference_labels"));

    public int[] QueryLabels => Ints(_root.GetProperty("query_labels"));

    public int[] SelfClusters => Ints(_root.GetProperty("kmeans").GetProperty("self_cluster_labels"));

    public int[] QueryClusters => Ints(_root.GetProperty("kmeans").GetProperty("query_cluster_labels"));

    public double KMeansValue(string name) => _root.GetProperty("kmeans").GetProperty(name).GetDouble();

    /// <summary>A result entry: metric name → value (or per-class list).</summary>
    public JsonElement Result(string name) => _root.GetProperty("results").GetProperty(name);

    /// <summary>The recorded faiss k-NN ("self" or "separate") as a KnnResult.</summary>
    public KnnResult Knn(string which)
    {
        var knn = _root.GetProperty("knn").GetProperty(which);
        var rows = knn.GetProperty("indices").EnumerateArray().Select(Ints).ToArray();
        var dist = knn.GetProperty("distances_sqL2").EnumerateArray()
            .SelectMany(r => r.EnumerateArray().Select(v => (float)v.GetDouble())).ToArray();
        int k = rows[0].Length;
        return new KnnResult(rows.Length, k, MetricKind.SquaredL2, [.. rows.SelectMany(r => r)], dist);
    }

    private Tensor Matrix(string name)
    {
        var rows = _root.GetProperty(name).EnumerateArray()
            .Select(r => r.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray()).ToArray();
        return Tensor.FromArray(rows.SelectMany(r => r).ToArray(), rows.Length, rows[0].Length);
    }

    private static int[] Ints(JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetInt32())];
}
