using System.Text.Json;

namespace Tango.Mahalanobis.Tests;

/// <summary>
/// metric-learn 0.7.0 reference runs (Reference/metric-learn, trimmed copies of the shared reference: see
/// Reference/README.md for provenance).
/// </summary>
internal sealed class Reference
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Reference", "metric-learn");
    private static readonly Lazy<JsonElement> LazyDatasets = new(() => Load("datasets.json"));

    private Reference(JsonElement root) => Root = root;

    public JsonElement Root { get; }

    public static Reference Run(string dataset, string algo, string? variant = null) =>
        new(Load($"{dataset}__{algo}{(variant is null ? "" : "__" + variant)}.json"));

    public double[,] Mahalanobis => Matrix(Root.GetProperty("mahalanobis"));

    public double Cv1Nn => Root.GetProperty("cv").GetProperty("1nn").GetDouble();

    public double Cv3Nn => Root.GetProperty("cv").GetProperty("3nn").GetDouble();

    public int Iterations => Root.GetProperty("n_iter_").GetInt32();

    public JsonElement Constraints => Root.GetProperty("constraints");

    public static int[] IntArray(JsonElement e) => e.EnumerateArray().Select(v => v.GetInt32()).ToArray();

    /// <summary>The pairs the learner sampled: positives (a, b) labelled +1 then negatives (c, d) labelled -1.</summary>
    public Pairs Pairs()
    {
        var c = Constraints;
        var (a, b, cc, d) = (IntArray(c.GetProperty("a")), IntArray(c.GetProperty("b")),
            IntArray(c.GetProperty("c")), IntArray(c.GetProperty("d")));
        var labels = Enumerable.Repeat(1, a.Length).Concat(Enumerable.Repeat(-1, cc.Length)).ToArray();
        return new Pairs([.. a, .. cc], [.. b, .. d], labels);
    }

    /// <summary>Fold test indices of the reference's 5-fold stratified CV.</summary>
    public static int[][] Folds(string dataset) => LazyDatasets.Value.GetProperty(dataset)
        .GetProperty("fold_test_indices").EnumerateArray()
        .Select(f => f.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray();

    public static double EuclideanKnn(string dataset, int k) => LazyDatasets.Value.GetProperty(dataset)
        .GetProperty("euclidean_knn").GetProperty($"{k}nn").GetDouble();

    public static JsonElement Load(string file) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, file))).RootElement.Clone();

    public static double[,] Matrix(JsonElement e)
    {
        var rows = e.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        var m = new double[rows.Length, rows.Length == 0 ? 0 : rows[0].Length];
        for (int i = 0; i < rows.Length; i++)
        {
            for (int j = 0; j < rows[i].Length; j++)
            {
                m[i, j] = rows[i][j];
            }
        }

        return m;
    }
}
