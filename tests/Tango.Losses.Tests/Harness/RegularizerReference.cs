using System.Text.Json;
using Tango.Core;
using Tango.Losses.Regularizers;

namespace Tango.Losses.Tests.Harness;

/// <summary>
/// Checks a regulariser against Reference/pml/regularizers.json (value 1e-4 relative, gradient 1e-5 of scale).
/// </summary>
public static class RegularizerReference
{
    private static readonly JsonElement Doc = ReferenceCase.LoadDocument("regularizers.json");

    /// <summary>
    /// Runs <paramref name="regularizer"/> on the named input ("embeddings", "W", "W4") and compares.
    /// </summary>
    public static void Check(string name, Regularizer regularizer, string input)
    {
        ArgumentNullException.ThrowIfNull(regularizer);
        var (values, shape) = Json.Flatten(Doc.GetProperty("inputs").GetProperty(input));
        var x = Tensor.FromArray([.. values.Select(v => (float)v)], shape);
        x.RequiresGrad = true;
        var rec = Doc.GetProperty("regularizers").GetProperty(name);
        Assert.Equal(rec.GetProperty("reducer").GetString(), regularizer.Reducer.GetType().Name);
        var value = regularizer.Compute(x);
        value.Backward();
        Tolerance.Close(Json.Number(rec.GetProperty("value")), value.Item(), rtol: 1e-4, what: $"{name} value");
        var grad = Json.Doubles(rec.GetProperty("grad"));
        double scale = grad.Max(Math.Abs);
        Tolerance.Close([.. grad.Select(v => (float)v)], x.Grad!.Span, rtol: 1e-4, atol: 1e-5 * scale, what: name);
    }
}
