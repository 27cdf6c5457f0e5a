using Tango.Core;

namespace Tango.NN;

/// <summary>Returns its input unchanged (a placeholder, e.g. to drop a projection head).</summary>
public sealed class Identity : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input;
}
