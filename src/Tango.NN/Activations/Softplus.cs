using Tango.Core;

namespace Tango.NN;

/// <summary>
/// log(1 + e^{βx}) / β, elementwise, linear where βx &gt; threshold for stability (PyTorch's <c>nn.Softplus</c>).
/// </summary>
public sealed class Softplus(float beta = 1f, float threshold = 20f) : Module
{
    /// <summary>Sharpness β.</summary>
    public float Beta { get; } = beta;

    /// <summary>Above βx = threshold the output is x.</summary>
    public float Threshold { get; } = threshold;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Softplus(Beta, Threshold);

    /// <inheritdoc/>
    public override string ToString() => $"Softplus(beta: {Beta}, threshold: {Threshold})";
}
