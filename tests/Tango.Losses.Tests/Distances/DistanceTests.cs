using System.Text.Json;
using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Distances;

public class DistanceTests
{
    private static readonly JsonElement Doc = ReferenceCase.LoadDocument("distances.json");

    public static TheoryData<string> Cases => new()
    {
        "LpDistance_default", "LpDistance_unnormalized", "LpDistance_power2", "LpDistance_p1_unnormalized",
        "CosineSimilarity", "DotProductSimilarity", "DotProductSimilarity_unnormalized", "SNRDistance",
        "SNRDistance_unnormalized",
    };

    internal static Distance Create(string name) => name switch
    {
        "LpDistance_default" => new LpDistance(),
        "LpDistance_unnormalized" => new LpDistance(normalizeEmbeddings: false),
        "LpDistance_power2" => new LpDistance(power: 2),
        "LpDistance_p1_unnormalized" => new LpDistance(p: 1, normalizeEmbeddings: false),
        "CosineSimilarity" => new CosineSimilarity(),
        "DotProductSimilarity" => new DotProductSimilarity(),
        "DotProductSimilarity_unnormalized" => new DotProductSimilarity(normalizeEmbeddings: false),
        "SNRDistance" => new SnrDistance(),
        "SNRDistance_unnormalized" => new SnrDistance(normalizeEmbeddings: false),
        _ => throw new ArgumentException(name),
    };

    private static Tensor Input(string name)
    {
        var (values, shape) = Json.Flatten(Doc.GetProperty("inputs").GetProperty(name));
        return Tensor.FromArray([.. values.Select(v => (float)v)], shape);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPml(string name)
    {
        var rec = Doc.GetProperty("distances").GetProperty(name);
        var distance = Create(name);
        var config = rec.GetProperty("config");
        Assert.Equal(config.GetProperty("is_inverted").GetBoolean(), distance.IsSimilarity);
        Assert.Equal(config.GetProperty("normalize_embeddings").GetBoolean(), distance.NormalizeEmbeddings);
        Assert.Equal(Json.Number(config.GetProperty("power")), distance.Power);
        var x = Input("embeddings");
        var r = Input("ref_emb");
        Compare(rec.GetProperty("mat_self"), distance.Matrix(x), $"{name} self", diagonalAtol: 5e-4);
        Compare(rec.GetProperty("mat_emb_vs_ref"), distance.Matrix(x, r), $"{name} vs ref");
        Compare(rec.GetProperty("pairwise_emb_ref"),
            distance.Pairwise(distance.MaybeNormalize(x), distance.MaybeNormalize(r)), $"{name} pairwise");
    }

    // Off the diagonal: 2e-5 relative (float32 vs float64, Gram-matrix formula). PML's float64 self-distance
    // diagonal is a rounding residue (e.g. 1e-8) where ours is exactly 0, hence its own absolute tolerance.
    private static void Compare(JsonElement expected, Tensor actual, string what, double diagonalAtol = 0)
    {
        var (values, _) = Json.Flatten(expected);
        var a = actual.ToArray();
        Assert.Equal(values.Length, a.Length);
        int n = (int)Math.Round(Math.Sqrt(values.Length));
        for (int k = 0; k < values.Length; k++)
        {
            bool diagonal = diagonalAtol > 0 && k / n == k % n;
            double bound = diagonal ? diagonalAtol : 2e-5 * Math.Abs(values[k]) + 2e-6;
            Assert.True(Math.Abs(a[k] - values[k]) <= bound,
                $"{what}[{k}]: expected {values[k]:G9}, got {a[k]:G9}.");
        }
    }

    [Fact]
    public void DirectionHelpersFollowTheKind()
    {
        var lp = new LpDistance();
        var cos = new CosineSimilarity();
        Assert.Equal(0.3f, lp.Margin(0.5f, 0.2f), 6);
        Assert.Equal(-0.3f, cos.Margin(0.5f, 0.2f), 6);
        Assert.True(lp.IsCloser(0.1f, 0.2f));
        Assert.True(cos.IsCloser(0.2f, 0.1f));
        Assert.Equal(1f, lp.Direction);
        Assert.Equal(-1f, cos.Direction);
        var a = Tensor.FromArray([0.1f, 0.9f]);
        var b = Tensor.FromArray([0.5f, 0.5f]);
        Assert.Equal([0.1f, 0.5f], lp.Closest(a, b).ToArray());
        Assert.Equal([0.5f, 0.9f], cos.Closest(a, b).ToArray());
        Assert.Equal([-0.4f, 0.4f], lp.Margin(a, b).ToArray(), new FloatComparer());
        Assert.Equal([0.4f, -0.4f], cos.Margin(a, b).ToArray(), new FloatComparer());
        Assert.Equal([-0.2f, 0.6f], lp.Margin(a, 0.3f).ToArray(), new FloatComparer());
        Assert.Equal([0.2f, -0.6f], cos.Margin(a, 0.3f).ToArray(), new FloatComparer());
        Assert.Equal([0.2f, -0.6f], lp.Margin(0.3f, a).ToArray(), new FloatComparer());
        Assert.Equal([-0.2f, 0.6f], cos.Margin(0.3f, a).ToArray(), new FloatComparer());
    }

    [Fact]
    public void BlocksEqualTheFullMatrix()
    {
        var q = SeededCases.Normal(4, 11, 6);
        var r = SeededCases.Normal(5, 7, 6);
        var d = new LpDistance();
        var full = d.Matrix(q, r).ToArray();
        var seen = new float[full.Length];
        var starts = new List<int>();
        d.ForEachBlock(q, r, blockRows: 4, (start, block) =>
        {
            starts.Add(start);
            block.Span.CopyTo(seen.AsSpan(start * 7));
        });
        Assert.Equal([0, 4, 8], starts);
        Tolerance.Close(full, seen, rtol: 1e-6, atol: 1e-7);
    }

    [Fact]
    public void RejectsBadShapes()
    {
        var d = new CosineSimilarity();
        var ex = Assert.Throws<ArgumentException>(
            () => d.Matrix(SeededCases.Normal(1, 3, 4), SeededCases.Normal(1, 3, 5)));
        Assert.Contains("differ in dimension (4 vs 5)", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => d.Matrix(SeededCases.Normal(1, 3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LpDistance(p: 0.5f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LpDistance(power: 0));
    }

    private sealed class FloatComparer : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) < 1e-6;

        public int GetHashCode(float obj) => 0;
    }
}
