using System.Text.Json;
using Tango.Core;

namespace Tango.Losses.Tests.Harness;

/// <summary>
/// One PML reference case (see Reference/README.md): constructor kwargs, miner, mined tuples, inputs, parameter
/// initial values, float64 loss and gradients, float32 loss and gradient error, unreduced sub-losses.
/// </summary>
public sealed class ReferenceCase
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Reference", "pml");

    private ReferenceCase(string name, JsonElement root)
    {
        Name = name;
        Document = root;
        var inputs = root.GetProperty("inputs");
        (var emb, var shape) = Json.Flatten(inputs.GetProperty("embeddings"));
        Embeddings = [.. emb.Select(v => (float)v)];
        Rows = shape[0];
        Dim = shape[1];
        Labels = Json.Ints(inputs.GetProperty("labels"));
        RefEmbeddings = Json.Optional(inputs, "ref_emb") is { } r ? Json.Floats(r) : null;
        Kwargs = Json.Optional(root, "kwargs");
        Miner = Json.Optional(root, "miner");
        IndicesTuple = Json.Optional(root, "indices_tuple") is { } it
            ? [.. it.EnumerateArray().Select(Json.Ints)]
            : null;
        ParamInit = Json.Optional(root, "param_init") is { } pi
            ? pi.EnumerateObject().ToDictionary(p => p.Name, p => Json.Flatten(p.Value))
            : [];
        var f64 = root.GetProperty("float64");
        Loss64 = Json.Number(f64.GetProperty("loss"));
        Grad64 = Json.Optional(f64, "grad_embeddings") is { } g ? Json.Doubles(g)
            : Json.Optional(f64, "grad_embeddings_second_half") is { } g2 ? Json.Doubles(g2) : null;
        GradRef64 = Json.Optional(f64, "grad_ref_emb") is { } gr ? Json.Doubles(gr) : null;
        GradParams64 = Json.Optional(f64, "grad_params") is { } gp
            ? gp.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null)
                .ToDictionary(p => p.Name, p => Json.Doubles(p.Value))
            : [];
        var f32 = root.GetProperty("float32");
        Loss32 = Json.Number(f32.GetProperty("loss"));
        Grad32Error = Json.Optional(f32, "grad_embeddings_max_abs_diff_vs_float64") is { } d ? Json.Number(d) : 0;
        Unreduced = Json.Optional(root, "unreduced_float64");
    }

    /// <summary>The case name (file name without extension).</summary>
    public string Name { get; }

    /// <summary>The batch embeddings, row-major (float32-representable values).</summary>
    public float[] Embeddings { get; }

    /// <summary>Rows of <see cref="Embeddings"/>.</summary>
    public int Rows { get; }

    /// <summary>Columns of <see cref="Embeddings"/>.</summary>
    public int Dim { get; }

    /// <summary>The batch labels.</summary>
    public int[] Labels { get; }

    /// <summary>The reference embeddings for ref_emb and self-supervised cases.</summary>
    public float[]? RefEmbeddings { get; }

    /// <summary>The constructor kwargs PML used (defaults included).</summary>
    public JsonElement? Kwargs { get; }

    /// <summary>The miner's class and kwargs, when the case mined.</summary>
    public JsonElement? Miner { get; }

    /// <summary>The mined tuples: 3 arrays (a, p, n) or 4 (a1, p, a2, n).</summary>
    public int[][]? IndicesTuple { get; }

    /// <summary>Initial parameter values (flattened, with shape) to load instead of a random init.</summary>
    public IReadOnlyDictionary<string, (double[] Values, int[] Shape)> ParamInit { get; }

    /// <summary>The float64 loss.</summary>
    public double Loss64 { get; }

    /// <summary>The float64 gradient w.r.t. the embeddings (row-major), or w.r.t. the second half for XBM.</summary>
    public double[]? Grad64 { get; }

    /// <summary>The float64 gradient w.r.t. ref_emb, when recorded.</summary>
    public double[]? GradRef64 { get; }

    /// <summary>The float64 gradient of each parameter.</summary>
    public IReadOnlyDictionary<string, double[]> GradParams64 { get; }

    /// <summary>PML's float32 loss.</summary>
    public double Loss32 { get; }

    /// <summary>max |PML float32 gradient − float64 gradient|.</summary>
    public double Grad32Error { get; }

    /// <summary>The unreduced sub-losses (float64), when recorded.</summary>
    public JsonElement? Unreduced { get; }

    /// <summary>The whole case document.</summary>
    public JsonElement Document { get; }

    /// <summary>Loads Reference/pml/<paramref name="name"/>.json from the test output directory.</summary>
    public static ReferenceCase Load(string name) => new(name, LoadDocument(name + ".json"));

    /// <summary>Loads any JSON file under Reference/pml.</summary>
    public static JsonElement LoadDocument(string relativePath)
    {
        var path = Path.Combine(Root, relativePath);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        return doc.RootElement.Clone();
    }

    /// <summary>The embeddings as a new leaf tensor that requires a gradient.</summary>
    public Tensor EmbeddingTensor() => Leaf(Embeddings, Rows, Dim);

    /// <summary>The reference embeddings as a new leaf tensor that requires a gradient.</summary>
    public Tensor RefEmbeddingTensor() =>
        Leaf(RefEmbeddings ?? throw new InvalidOperationException($"{Name} has no ref_emb."), Rows, Dim);

    /// <summary>The mined tuples, typed.</summary>
    public IndexTuples? Tuples() => IndicesTuple switch
    {
        null => null,
        { Length: 3 } t => new TripletIndices(t[0], t[1], t[2]),
        { Length: 4 } t => new PairIndices(t[0], t[1], t[2], t[3]),
        _ => throw new FormatException($"{Name}: indices_tuple has {IndicesTuple.Length} arrays."),
    };

    /// <summary>A numeric kwarg.</summary>
    public double Kwarg(string name) => Json.Number(Kwargs!.Value.GetProperty(name));

    /// <summary>A numeric kwarg of the miner.</summary>
    public double MinerKwarg(string name) => Json.Number(Miner!.Value.GetProperty("kwargs").GetProperty(name));

    /// <summary>The float values of a parameter's initial value.</summary>
    public float[] ParamValues(string name) => [.. ParamInit[name].Values.Select(v => (float)v)];

    private static Tensor Leaf(float[] values, int rows, int dim)
    {
        var t = Tensor.FromArray(values, rows, dim);
        t.RequiresGrad = true;
        return t;
    }
}
