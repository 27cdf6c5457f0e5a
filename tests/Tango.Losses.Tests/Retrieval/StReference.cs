using System.Text.Json;
using Tango.Core;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Retrieval;

/// <summary>
/// The sentence-transformers reference cases (Reference/st/st_losses.json, provenance in its README).
/// </summary>
internal static class StReference
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "st",
            "st_losses.json"))));

    public static JsonElement Root => Document.Value.RootElement;

    public static IEnumerable<string> CaseNames =>
        Root.GetProperty("losses").EnumerateObject().Select(p => p.Name);

    /// <summary>An input array as a float tensor (its own shape).</summary>
    public static Tensor Input(string name)
    {
        var (values, shape) = Json.Flatten(Root.GetProperty("inputs").GetProperty(name));
        return Tensor.FromArray([.. values.Select(v => (float)v)], shape);
    }

    /// <summary>Fresh leaves for the named columns.</summary>
    public static Tensor[] Leaves(params string[] names) => [.. names.Select(n =>
    {
        var t = Input(n);
        t.RequiresGrad = true;
        return t;
    })];

    public static JsonElement Case(string name) => Root.GetProperty("losses").GetProperty(name);

    public static double Loss(string name) => Case(name).GetProperty("loss").GetDouble();

    public static string[] ColumnNames(string name) =>
        [.. Case(name).GetProperty("columns").EnumerateArray().Select(c => c.GetString()!)];

    /// <summary>The reference gradient of column <paramref name="column"/>.</summary>
    public static double[] Gradient(string name, int column) =>
        Json.Doubles(Case(name).GetProperty("grads")[column]);

    /// <summary>
    /// The loss within 1e-4 relative, and each column's gradient within 1e-4 of that gradient's largest entry
    /// (float32 against float64; the largest entry sets the scale since some entries are ~0).
    /// </summary>
    public static void AssertMatches(string name, double loss, IReadOnlyList<float[]> gradients, double rtol = 1e-4)
    {
        double expected = Loss(name);
        Assert.True(Math.Abs(loss - expected) <= rtol * Math.Max(Math.Abs(expected), 1e-6),
            $"{name}: loss {loss:G9}, reference {expected:G9}.");
        Assert.Equal(ColumnNames(name).Length, gradients.Count);
        for (int c = 0; c < gradients.Count; c++)
        {
            var reference = Gradient(name, c);
            double scale = reference.Max(Math.Abs);
            Assert.Equal(reference.Length, gradients[c].Length);
            for (int i = 0; i < reference.Length; i++)
            {
                double diff = Math.Abs(gradients[c][i] - reference[i]);
                Assert.True(diff <= rtol * scale + 1e-12,
                    $"{name}: gradient of column {c} at {i}: {gradients[c][i]:G7}, reference {reference[i]:G7} " +
                    $"(column max {scale:G4}).");
            }
        }
    }
}
