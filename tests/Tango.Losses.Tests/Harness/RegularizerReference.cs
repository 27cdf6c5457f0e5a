using System.Text.Json;
using Tango.Core;

namespace Tango.Losses.Tests.Harness;

/// <summary>A regulariser entry of Reference/pml/regularizers.json: its input rows, value and gradient (float64).</summary>
public sealed class RegularizerReference
{
    private RegularizerReference(string name, string input)
    {
        var doc = ReferenceCase.LoadDocument("regularizers.json");
        var entry = doc.GetProperty("regularizers").GetProperty(name);
        (var values, var shape) = Json.Flatten(doc.GetProperty("inputs").GetProperty(input));
        Input = Tensor.FromArray([.. values.Select(v => (float)v)], shape);
        Value = Json.Number(entry.GetProperty("value"));
        Grad = Json.Doubles(entry.GetProperty("grad"));
        Entry = entry;
    }

    /// <summary>The rows regularised (a fresh leaf that requires a gradient).</summary>
    public Tensor Input { get; }

    public double Value { get; }

    public double[] Grad { get; }

    public JsonElement Entry { get; }

    public static RegularizerReference Load(string name, string input) => new(name, input);

    /// <summary>
    /// Value within 1e-5 relative, gradient within 1e-5 of its largest entry (no float32 error is recorded for
    /// regularisers; a few dozen float32 ulps of the scale).
    /// </summary>
    public void Check(Func<Tensor, Tensor> regularizer)
    {
        ArgumentNullException.ThrowIfNull(regularizer);
        Input.RequiresGrad = true;
        var value = regularizer(Input);
        value.Backward();
        Tolerance.Close(Value, value.Item(), rtol: 1e-5, atol: 1e-7);
        double scale = Grad.Max(Math.Abs);
        Tolerance.Close([.. Grad.Select(g => (float)g)], Input.Grad!.ToArray(), rtol: 1e-4, atol: 1e-5 * scale,
            what: "gradient");
    }
}
