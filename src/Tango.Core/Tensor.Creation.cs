using Tango.Core.Memory;

namespace Tango.Core;

public sealed partial class Tensor
{
    /// <summary>A tensor of the given shape whose contents are arbitrary (pooled buffer). Internal: ops overwrite it.</summary>
    internal static Tensor Uninitialized(ReadOnlySpan<int> shape)
    {
        var s = shape.ToArray();
        Shapes.Validate(s);
        return new Tensor(BufferPool.Rent(Shapes.SizeOf(s), clear: false), s);
    }

    /// <summary>All zeros.</summary>
    public static Tensor Zeros(params ReadOnlySpan<int> shape)
    {
        var s = shape.ToArray();
        Shapes.Validate(s);
        return new Tensor(BufferPool.Rent(Shapes.SizeOf(s), clear: true), s);
    }

    /// <summary>All ones.</summary>
    public static Tensor Ones(params ReadOnlySpan<int> shape) => Full(1f, shape);

    /// <summary>Every element equal to <paramref name="value"/>.</summary>
    public static Tensor Full(float value, params ReadOnlySpan<int> shape)
    {
        var t = Uninitialized(shape);
        t.Span.Fill(value);
        return t;
    }

    /// <summary>A rank-0 tensor holding <paramref name="value"/>.</summary>
    public static Tensor Scalar(float value) => Full(value, []);

    /// <summary>Zeros shaped like <paramref name="other"/>.</summary>
    public static Tensor ZerosLike(Tensor other) => Zeros(other.Shape);

    /// <summary>The values start, start+step, ... below stop (above stop for a negative step), as a rank-1 tensor.</summary>
    public static Tensor Arange(float start, float stop, float step = 1f)
    {
        if (step == 0 || float.IsNaN(step))
        {
            throw new ArgumentException("Arange needs a non-zero step.", nameof(step));
        }

        int n = Math.Max(0, (int)Math.Ceiling((stop - start) / (double)step));
        var t = Uninitialized([n]);
        var span = t.Span;
        for (int i = 0; i < n; i++)
        {
            span[i] = start + i * step;
        }

        return t;
    }

    /// <summary>Copies <paramref name="data"/> into a tensor of the given shape (rank-1 of its length if none given).</summary>
    public static Tensor FromArray(ReadOnlySpan<float> data, params ReadOnlySpan<int> shape)
    {
        var t = Uninitialized(shape.IsEmpty ? [data.Length] : shape);
        if (data.Length != t.Size)
        {
            throw new ArgumentException(
                $"FromArray: {data.Length} values do not fill shape {t.ShapeString} ({t.Size} elements).");
        }

        data.CopyTo(t.Span);
        return t;
    }

    /// <summary>Copies a 2-D array into a rank-2 tensor.</summary>
    public static Tensor FromArray(float[,] data) =>
        FromArray(MemoryMarshalHelpers.AsSpan(data), data.GetLength(0), data.GetLength(1));

    /// <summary>Uniform samples in [low, high).</summary>
    public static Tensor RandomUniform(Rng rng, int[] shape, float low = 0f, float high = 1f, bool requiresGrad = false)
    {
        var t = Uninitialized(shape);
        var span = t.Span;
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = low + (high - low) * rng.NextFloat();
        }

        t.RequiresGrad = requiresGrad;
        return t;
    }

    /// <summary>Uniform samples in [low, high) of shape (rows, cols).</summary>
    public static Tensor RandomUniform(Rng rng, int rows, int cols, float low = 0f, float high = 1f, bool requiresGrad = false) =>
        RandomUniform(rng, [rows, cols], low, high, requiresGrad);

    /// <summary>Normal samples with the given mean and standard deviation.</summary>
    public static Tensor RandomNormal(Rng rng, int[] shape, float mean = 0f, float std = 1f, bool requiresGrad = false)
    {
        var t = Uninitialized(shape);
        var span = t.Span;
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = mean + std * rng.NextNormal();
        }

        t.RequiresGrad = requiresGrad;
        return t;
    }

    /// <summary>Normal samples of shape (rows, cols).</summary>
    public static Tensor RandomNormal(Rng rng, int rows, int cols, float mean = 0f, float std = 1f, bool requiresGrad = false) =>
        RandomNormal(rng, [rows, cols], mean, std, requiresGrad);

    /// <summary>A copy (a new leaf unless recorded: the copy carries the gradient back).</summary>
    public Tensor Clone()
    {
        var y = Detach();
        return y.Record("Clone", [this], g => AccumulateGrad(g));
    }
}
