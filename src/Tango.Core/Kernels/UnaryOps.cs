using System.Numerics.Tensors;

namespace Tango.Core.Kernels;

#pragma warning disable CA1812 // instantiated only as generic arguments

/// <summary>e^x.</summary>
internal readonly struct ExpOp : IUnaryOp
{
    public static float Apply(float x) => MathF.Exp(x);

    public static void Apply(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Exp(x, y);
}

/// <summary>max(x, 0).</summary>
internal readonly struct ReluOp : IUnaryOp
{
    public static float Apply(float x) => MathF.Max(x, 0f);

    public static void Apply(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Max(x, 0f, y);
}

/// <summary>1 / (1 + e^−x).</summary>
internal readonly struct SigmoidOp : IUnaryOp
{
    public static float Apply(float x) => 1f / (1f + MathF.Exp(-x));

    public static void Apply(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Sigmoid(x, y);
}

/// <summary>tanh(x).</summary>
internal readonly struct TanhOp : IUnaryOp
{
    public static float Apply(float x) => MathF.Tanh(x);

    public static void Apply(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Tanh(x, y);
}

/// <summary>
/// Exact GELU, x·Φ(x) with the erf form of Φ (PyTorch's default, approximate='none'). Evaluated per element in
/// double: .NET has no vector erf, and the tanh approximation would differ from PyTorch by up to ~1e-3.
/// </summary>
internal readonly struct GeluOp : IUnaryOp
{
    public static float Apply(float x) => (float)(x * SpecialFunctions.NormalCdf(x));

    public static void Apply(ReadOnlySpan<float> x, Span<float> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = Apply(x[i]);
        }
    }
}
