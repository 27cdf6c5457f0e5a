using System.Numerics.Tensors;

namespace Tango.Core.Kernels;

#pragma warning disable CA1812 // instantiated only as generic arguments

/// <summary>a + b.</summary>
internal readonly struct AddOp : IBinaryOp
{
    public static float Apply(float a, float b) => a + b;

    public static void Apply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Add(a, b, y);

    public static void Apply(ReadOnlySpan<float> a, float b, Span<float> y) => TensorPrimitives.Add(a, b, y);

    public static void Apply(float a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Add(b, a, y);
}

/// <summary>a - b.</summary>
internal readonly struct SubOp : IBinaryOp
{
    public static float Apply(float a, float b) => a - b;

    public static void Apply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Subtract(a, b, y);

    public static void Apply(ReadOnlySpan<float> a, float b, Span<float> y) => TensorPrimitives.Subtract(a, b, y);

    public static void Apply(float a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Subtract(a, b, y);
}

/// <summary>a * b.</summary>
internal readonly struct MulOp : IBinaryOp
{
    public static float Apply(float a, float b) => a * b;

    public static void Apply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Multiply(a, b, y);

    public static void Apply(ReadOnlySpan<float> a, float b, Span<float> y) => TensorPrimitives.Multiply(a, b, y);

    public static void Apply(float a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Multiply(b, a, y);
}

/// <summary>a / b.</summary>
internal readonly struct DivOp : IBinaryOp
{
    public static float Apply(float a, float b) => a / b;

    public static void Apply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Divide(a, b, y);

    public static void Apply(ReadOnlySpan<float> a, float b, Span<float> y) => TensorPrimitives.Divide(a, b, y);

    public static void Apply(float a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Divide(a, b, y);
}

/// <summary>max(a, b) (NaN-propagating, as TensorPrimitives.Max).</summary>
internal readonly struct MaxOp : IBinaryOp
{
    public static float Apply(float a, float b) => MathF.Max(a, b);

    public static void Apply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Max(a, b, y);

    public static void Apply(ReadOnlySpan<float> a, float b, Span<float> y) => TensorPrimitives.Max(a, b, y);

    public static void Apply(float a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Max(b, a, y);
}

/// <summary>min(a, b).</summary>
internal readonly struct MinOp : IBinaryOp
{
    public static float Apply(float a, float b) => MathF.Min(a, b);

    public static void Apply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Min(a, b, y);

    public static void Apply(ReadOnlySpan<float> a, float b, Span<float> y) => TensorPrimitives.Min(a, b, y);

    public static void Apply(float a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Min(b, a, y);
}
