namespace Tango.Core;

/// <summary>Shape arithmetic and the checks that turn shape mistakes into clear messages.</summary>
public static class Shapes
{
    /// <summary>Throws unless every extent is non-negative and the rank is at most <see cref="Tensor.MaxRank"/>.</summary>
    public static void Validate(ReadOnlySpan<int> shape)
    {
        if (shape.Length > Tensor.MaxRank)
        {
            throw new ArgumentException($"Rank {shape.Length} is not supported; tensors have rank 0 to {Tensor.MaxRank}.");
        }

        foreach (int d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException($"Shape {Format(shape)} has a negative extent.");
            }
        }

        _ = SizeOf(shape);
    }

    /// <summary>The number of elements of a shape; throws if it overflows an int.</summary>
    public static int SizeOf(ReadOnlySpan<int> shape)
    {
        long size = 1;
        foreach (int d in shape)
        {
            size *= d;
            if (size > Array.MaxLength)
            {
                throw new ArgumentException($"Shape {Format(shape)} has more elements than one array can hold.");
            }
        }

        return (int)size;
    }

    /// <summary>Formats a shape as <c>(2, 3)</c>.</summary>
    public static string Format(ReadOnlySpan<int> shape) => "(" + string.Join(", ", shape.ToArray()) + ")";

    /// <summary>Maps a possibly negative axis into [0, rank).</summary>
    public static int NormalizeAxis(int axis, int rank)
    {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank)
        {
            throw new ArgumentOutOfRangeException(nameof(axis), $"Axis {axis} is out of range for a rank-{rank} tensor.");
        }

        return a;
    }

    /// <summary>Maps a possibly negative axis into [0, rank); the message names the op and shape.</summary>
    public static int NormalizeAxis(int axis, ReadOnlySpan<int> shape, string op)
    {
        int a = axis < 0 ? axis + shape.Length : axis;
        if (a < 0 || a >= shape.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(axis),
                $"{op}: axis {axis} is out of range for shape {Format(shape)} (rank {shape.Length}).");
        }

        return a;
    }

    /// <summary>Row-major strides of a shape.</summary>
    public static int[] Strides(ReadOnlySpan<int> shape)
    {
        var strides = new int[shape.Length];
        int s = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= shape[i];
        }

        return strides;
    }

    /// <summary>The flat offset of a full index, with bounds checks.</summary>
    public static int FlatIndex(ReadOnlySpan<int> shape, ReadOnlySpan<int> index)
    {
        if (index.Length != shape.Length)
        {
            throw new ArgumentException($"Index of length {index.Length} for a tensor of shape {Format(shape)}.");
        }

        int flat = 0;
        for (int i = 0; i < shape.Length; i++)
        {
            if ((uint)index[i] >= (uint)shape[i])
            {
                throw new ArgumentOutOfRangeException(nameof(index), $"Index {index[i]} on axis {i} is out of range for shape {Format(shape)}.");
            }

            flat = flat * shape[i] + index[i];
        }

        return flat;
    }

    /// <summary>True if both shapes are equal.</summary>
    public static bool Equal(ReadOnlySpan<int> a, ReadOnlySpan<int> b) => a.SequenceEqual(b);

    /// <summary>NumPy broadcasting of two shapes (right-aligned; extents must match or be 1).</summary>
    public static int[] Broadcast(ReadOnlySpan<int> a, ReadOnlySpan<int> b, string op)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            int db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
            {
                throw new ArgumentException(
                    $"{op}: shapes {Format(a)} and {Format(b)} cannot be broadcast (axis {i}: {da} vs {db}).");
            }

            result[i] = da == 1 ? db : da;
        }

        return result;
    }

    /// <summary>Left-pads a shape with ones to <see cref="Tensor.MaxRank"/> dimensions.</summary>
    internal static void Pad4(ReadOnlySpan<int> shape, Span<int> padded)
    {
        int offset = Tensor.MaxRank - shape.Length;
        for (int i = 0; i < Tensor.MaxRank; i++)
        {
            padded[i] = i < offset ? 1 : shape[i - offset];
        }
    }

    /// <summary>Strides of <paramref name="shape"/> aligned to a rank-4 output, 0 on broadcast axes.</summary>
    internal static void BroadcastStrides4(ReadOnlySpan<int> shape, ReadOnlySpan<int> out4, Span<int> strides)
    {
        Span<int> p = stackalloc int[Tensor.MaxRank];
        Pad4(shape, p);
        int s = 1;
        for (int i = Tensor.MaxRank - 1; i >= 0; i--)
        {
            strides[i] = p[i] == 1 && out4[i] != 1 ? 0 : s;
            s *= p[i];
        }
    }

    /// <summary>Throws unless the tensor has the given rank.</summary>
    public static void RequireRank(Tensor t, int rank, string op)
    {
        if (t.Rank != rank)
        {
            throw new ArgumentException($"{op} needs a rank-{rank} tensor; got shape {t.ShapeString}.");
        }
    }
}
