using Tango.Core;

namespace Tango.NN;

/// <summary>GELU (Hendrycks and Gimpel 2016) in PyTorch's default exact form x·Φ(x), elementwise.</summary>
public sealed class Gelu : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Gelu();
}
