using System.Runtime.CompilerServices;
using System.Text;
using Tango.Core.Memory;

namespace Tango.Core;

/// <summary>
/// A dense float32 tensor, row-major and always contiguous, of rank 0 to 4.
/// Operations record a define-by-run graph when an input requires a gradient (see <see cref="Backward"/>).
/// </summary>
public sealed partial class Tensor : IDisposable
{
    /// <summary>The largest rank Tango supports.</summary>
    public const int MaxRank = 4;

    private float[] _data;
    private readonly int[] _shape;
    private bool _disposed;

    /// <summary>Wraps <paramref name="data"/> (exact length) without copying. The shape is validated.</summary>
    internal Tensor(float[] data, int[] shape)
    {
        Shapes.Validate(shape);
        int size = Shapes.SizeOf(shape);
        if (data.Length != size)
        {
            throw new ArgumentException(
                $"Data of length {data.Length} does not fit shape {Shapes.Format(shape)} (needs {size}).");
        }

        _data = data;
        _shape = shape;
        Size = size;
        TensorScope.Register(this);
    }

    /// <summary>The number of dimensions (0 for a scalar).</summary>
    public int Rank => _shape.Length;

    /// <summary>The extent of each dimension.</summary>
    public ReadOnlySpan<int> Shape => _shape;

    /// <summary>The number of elements.</summary>
    public int Size { get; }

    /// <summary>The shape formatted as <c>(2, 3)</c>, for messages.</summary>
    public string ShapeString => Shapes.Format(_shape);

    /// <summary>The elements in row-major order. Writing through this span bypasses autograd.</summary>
    public Span<float> Span
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if (_disposed)
            {
                ThrowDisposed();
            }

            return _data.AsSpan(0, Size);
        }
    }

    /// <summary>The backing array (length == Size). Internal: kernels index it directly.</summary>
    internal float[] Buffer
    {
        get
        {
            if (_disposed)
            {
                ThrowDisposed();
            }

            return _data;
        }
    }

    internal int[] ShapeArray => _shape;

    /// <summary>True once the tensor's buffer has gone back to the pool.</summary>
    public bool IsDisposed => _disposed;

    /// <summary>The extent of dimension <paramref name="axis"/>; negative axes count from the end.</summary>
    public int Dim(int axis) => _shape[Shapes.NormalizeAxis(axis, Rank)];

    /// <summary>The single value of a one-element tensor.</summary>
    public float Item()
    {
        if (Size != 1)
        {
            throw new InvalidOperationException($"Item() needs a one-element tensor; this one has shape {ShapeString}.");
        }

        return Span[0];
    }

    /// <summary>Element at a full index (slow; for tests and inspection).</summary>
    [IndexerName("Element")]
    public float this[params int[] index]
    {
        get => Span[Shapes.FlatIndex(_shape, index)];
        set => Span[Shapes.FlatIndex(_shape, index)] = value;
    }

    /// <summary>A copy of the elements.</summary>
    public float[] ToArray() => Span.ToArray();

    /// <summary>A copy as a 2-D array; the tensor must have rank 2.</summary>
    public float[,] ToArray2D()
    {
        Shapes.RequireRank(this, 2, nameof(ToArray2D));
        var result = new float[_shape[0], _shape[1]];
        Span.CopyTo(MemoryMarshalHelpers.AsSpan(result));
        return result;
    }

    /// <summary>Returns the buffer to the pool. Later access throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        BufferPool.Return(_data);
        _data = [];
        _node = null;
        _pendingGrad = null;
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("Tensor").Append(ShapeString);
        if (_disposed)
        {
            return sb.Append(" (disposed)").ToString();
        }

        sb.Append(" [");
        int shown = Math.Min(Size, 8);
        for (int i = 0; i < shown; i++)
        {
            sb.Append(i == 0 ? "" : ", ").Append(_data[i].ToString("G6", System.Globalization.CultureInfo.InvariantCulture));
        }

        return sb.Append(Size > shown ? ", ...]" : "]").ToString();
    }

    private static void ThrowDisposed() =>
        throw new ObjectDisposedException(nameof(Tensor), "This tensor's buffer was released when its TensorScope ended.");
}
