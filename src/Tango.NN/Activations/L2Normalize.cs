using Tango.Core;

namespace Tango.NN;

/// <summary>
/// x / max(‖x‖₂, ε) along an axis (the last by default): projects embeddings onto the unit sphere, the usual
/// last layer before a cosine-similarity loss (PyTorch's <c>F.normalize</c>).
/// </summary>
public sealed class L2Normalize(int axis = -1, float eps = 1e-12f) : Module
{
    /// <summary>The axis normalised.</summary>
    public int Axis { get; } = axis;

    /// <summary>Lower bound of the norm.</summary>
    public float Eps { get; } = eps;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.L2Normalize(Axis, Eps);

    /// <inheritdoc/>
    public override string ToString() => $"L2Normalize(axis: {Axis}, eps: {Eps})";
}
