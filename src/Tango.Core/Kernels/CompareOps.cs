namespace Tango.Core.Kernels;

#pragma warning disable CA1812 // instantiated only as generic arguments

// Comparisons as 1/0 masks. Plain loops: .NET does not auto-vectorise them, but masks are built once per
// batch, next to matmuls and exps that cost far more. Any comparison with NaN is false (so Ne is true).

/// <summary>1 where a &gt; b, else 0.</summary>
internal readonly struct GtOp : IBinaryOp
{
    public static float Apply(float a, float b) => a > b ? 1f : 0f;

    public static void Apply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = a[i] > b[i] ? 1f : 0f;
        }
    }

    public static void Apply(ReadOnlySpan<float> a, float b, Span<float> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = a[i] > b ? 1f : 0f;
        }
    }

    public static void Apply(float a, ReadOnlySpan<float> b, Span<float> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = a > b[i] ? 1f : 0f;
        }
    }
}

/// <summary>1 where a ≥ b, else 0.</summary>
internal readonly struct GeOp : IBinaryOp
{
    public static float Apply(float a, float b) => a >= b ? 1f : 0f;

    public static void Apply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = a[i] >= b[i] ? 1f : 0f;
        }
    }

    public static void Apply(ReadOnlySpan<float> a, float b, Span<float> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = a[i] >= b ? 1f : 0f;
        }
    }

    public static void Apply(float a, ReadOnlySpan<float> b, Span<float> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = a >= b[i] ? 1f : 0f;
        }
    }
}

/// <summary>1 where a &lt; b, else 0.</summary>
internal readonly struct LtOp : IBinaryOp
{
    public static float Apply(float a, float b) => a < b ? 1f : 0f;

    public static void Apply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = a[i] < b[i] ? 1f : 0f;
        }
    }

    public static void Apply(ReadOnlySpan<float> a, float b, Span<float> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = a[i] < b ? 1f : 0f;
        }
    }

    public static void Apply(float a, ReadOnlySpan<float> b, Span<float> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = a < b[i] ? 1f : 0f;
        }
    }
}

/// <summary>1 where a ≤ b, else 0.</summary>
internal readonly struct LeOp : IBinaryOp
{
    public static float Apply(float a, float b) => a <= b ? 1f : 0f;

    public static void Apply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = a[i] <= b[i] ? 1f : 0f;
        }
    }

    public static void Apply(ReadOnlySpan<float> a, float b, Span<float> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = a[i] <= b ? 1f : 0f;
        }
    }

    public static void Apply(float a, ReadOnlySpan<float> b, Span<float> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = a <= b[i] ? 1f : 0f;
        }
    }
}

/// <summary>1 where a = b, else 0.</summary>
internal readonly struct EqOp : IBinaryOp
{
    public static float Apply(float a, float b) => a == b ? 1f : 0f;

    public static void Apply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = a[i] == b[i] ? 1f : 0f;
        }
    }

    public static void Apply(ReadOnlySpan<float> a, float b, Span<float> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = a[i] == b ? 1f : 0f;
        }
    }

    public static void Apply(float a, ReadOnlySpan<float> b, Span<float> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = a == b[i] ? 1f : 0f;
        }
    }
}

/// <summary>1 where a ≠ b, else 0.</summary>
internal readonly struct NeOp : IBinaryOp
{
    public static float Apply(float a, float b) => a != b ? 1f : 0f;

    public static void Apply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = a[i] != b[i] ? 1f : 0f;
        }
    }

    public static void Apply(ReadOnlySpan<float> a, float b, Span<float> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = a[i] != b ? 1f : 0f;
        }
    }

    public static void Apply(float a, ReadOnlySpan<float> b, Span<float> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = a != b[i] ? 1f : 0f;
        }
    }
}
