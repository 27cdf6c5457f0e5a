using Tango.Core;

namespace Tango.NN;

/// <summary>Hyperbolic tangent, elementwise.</summary>
public sealed class Tanh : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Tanh();
}
