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

/// <summary>ln x.</summary>
internal readonly struct LogOp : IUnaryOp
{
    public static float Apply(float x) => MathF.Log(x);

    public static void Apply(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Log(x, y);
}

/// <summary>ln(1 + x), accurate for small x.</summary>
internal readonly struct Log1pOp : IUnaryOp
{
    public static float Apply(float x) => float.LogP1(x);

    public static void Apply(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.LogP1(x, y);
}

/// <summary>√x.</summary>
internal readonly struct SqrtOp : IUnaryOp
{
    public static float Apply(float x) => MathF.Sqrt(x);

    public static void Apply(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Sqrt(x, y);
}

/// <summary>|x|.</summary>
internal readonly struct AbsOp : IUnaryOp
{
    public static float Apply(float x) => MathF.Abs(x);

    public static void Apply(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Abs(x, y);
}

/// <summary>x².</summary>
internal readonly struct SquareOp : IUnaryOp
{
    public static float Apply(float x) => x * x;

    public static void Apply(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Multiply(x, x, y);
}
