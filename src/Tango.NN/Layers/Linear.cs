using Tango.Core;
using Tango.Core.Memory;

namespace Tango.NN;

/// <summary>
/// Affine map y = x·Wᵀ + b over the last axis, as PyTorch's <c>nn.Linear</c>: the weight is stored (out, in) and
/// both weight and bias start from U(−1/√in, 1/√in) (Kaiming uniform with a = √5, PyTorch's default).
/// </summary>
public sealed class Linear : Module
{
    /// <summary>Creates the layer; <paramref name="rng"/> defaults to <see cref="Init.DefaultRng"/>.</summary>
    public Linear(int inFeatures, int outFeatures, bool bias = true, Rng? rng = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inFeatures);
        ArgumentOutOfRangeException.ThrowIfNegative(outFeatures);
        rng ??= Init.DefaultRng;
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = RegisterParameter("weight", TensorScope.Unowned(() => Tensor.Zeros(outFeatures, inFeatures)));
        Init.KaimingUniform(Weight, rng, a: MathF.Sqrt(5f));
        if (bias)
        {
            // PyTorch: bound = 1/√fan_in, or 0 when fan_in is 0.
            float bound = inFeatures > 0 ? 1f / MathF.Sqrt(inFeatures) : 0f;
            Bias = RegisterParameter("bias", TensorScope.Unowned(() => Tensor.Zeros(outFeatures)));
            Init.Uniform(Bias, rng, -bound, bound);
        }
    }

    /// <summary>Input features.</summary>
    public int InFeatures { get; }

    /// <summary>Output features.</summary>
    public int OutFeatures { get; }

    /// <summary>The weight, shape (out, in).</summary>
    public Tensor Weight { get; }

    /// <summary>The bias, shape (out), or null when built without one.</summary>
    public Tensor? Bias { get; }

    /// <inheritdoc/>
    // x: (..., in) -> y: (..., out); leading axes are flattened into one batch axis for the matmul.
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank == 0 || input.Dim(-1) != InFeatures)
        {
            throw new ArgumentException(
                $"Linear({InFeatures}, {OutFeatures}) needs input of shape (..., {InFeatures}); " +
                $"got {input.ShapeString}.",
                nameof(input));
        }

        var x = input.Rank == 2 ? input : input.Reshape(-1, InFeatures);
        var y = x.MatMul(Weight, transB: true);
        if (Bias is not null)
        {
            y = y.Add(Bias);
        }

        if (input.Rank == 2)
        {
            return y;
        }

        var shape = input.Shape.ToArray();
        shape[^1] = OutFeatures;
        return y.Reshape(shape);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"Linear(inFeatures: {InFeatures}, outFeatures: {OutFeatures}, bias: {Bias is not null})";
}
