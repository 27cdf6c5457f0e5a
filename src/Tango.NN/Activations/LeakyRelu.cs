using Tango.Core;

namespace Tango.NN;

/// <summary>x for x &gt; 0, else slope·x, elementwise (PyTorch's default slope 0.01).</summary>
public sealed class LeakyRelu(float negativeSlope = 0.01f) : Module
{
    /// <summary>The slope for negative inputs.</summary>
    public float NegativeSlope { get; } = negativeSlope;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.LeakyRelu(NegativeSlope);

    /// <inheritdoc/>
    public override string ToString() => $"LeakyRelu(negativeSlope: {NegativeSlope})";
}
