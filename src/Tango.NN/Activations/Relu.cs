using Tango.Core;

namespace Tango.NN;

/// <summary>max(x, 0), elementwise.</summary>
public sealed class Relu : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Relu();
}
