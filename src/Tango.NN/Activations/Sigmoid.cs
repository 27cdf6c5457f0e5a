using Tango.Core;

namespace Tango.NN;

/// <summary>1 / (1 + e⁻ˣ), elementwise.</summary>
public sealed class Sigmoid : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Sigmoid();
}
