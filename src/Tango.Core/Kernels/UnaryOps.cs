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
