namespace Tango.Core.IO;

/// <summary>
/// An array read from a <c>.npy</c> file: its element type, shape and data (a <c>float[]</c>, <c>double[]</c>,
/// <c>int[]</c>, <c>long[]</c> or <c>byte[]</c>, in C order, already in native byte order).
/// </summary>
public sealed class NpyArray
{
    private readonly int[] _shape;

    internal NpyArray(NpyDType dType, int[] shape, Array data)
    {
        DType = dType;
        _shape = shape;
        Data = data;
    }

    /// <summary>The element type stored in the file.</summary>
    public NpyDType DType { get; }

    /// <summary>The extents; empty for a 0-d array.</summary>
    public ReadOnlySpan<int> Shape => _shape;

    /// <summary>The number of elements.</summary>
    public int Count => Data.Length;

    /// <summary>The elements, typed as <see cref="DType"/>.</summary>
    public Array Data { get; }

    /// <summary>The elements as <typeparamref name="T"/>[]; throws unless T is exactly the stored type.</summary>
    public T[] GetData<T>() where T : unmanaged =>
        Data as T[] ?? throw new InvalidOperationException(
            $"The array holds {DType} elements, not {typeof(T).Name}; use ToFloat32/ToInt64 to convert.");

    /// <summary>The elements converted to float32 (exact for float32, rounded for the others).</summary>
    public float[] ToFloat32() => Data switch
    {
        float[] f => (float[])f.Clone(),
        double[] d => Array.ConvertAll(d, v => (float)v),
        int[] i => Array.ConvertAll(i, v => (float)v),
        long[] l => Array.ConvertAll(l, v => (float)v),
        byte[] b => Array.ConvertAll(b, v => (float)v),
        _ => throw new InvalidOperationException($"Unexpected data type {Data.GetType().Name}."),
    };

    /// <summary>
    /// The elements as 64-bit integers (labels, ids). Integer types convert exactly; floating-point values must be
    /// whole numbers, else this throws naming the first offending position.
    /// </summary>
    public long[] ToInt64()
    {
        switch (Data)
        {
            case long[] l:
                return (long[])l.Clone();
            case int[] i:
                return Array.ConvertAll(i, v => (long)v);
            case byte[] b:
                return Array.ConvertAll(b, v => (long)v);
        }

        var values = Data is float[] f ? Array.ConvertAll(f, v => (double)v) : (double[])Data;
        var result = new long[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            if (v != Math.Floor(v) || Math.Abs(v) > 9e15)
            {
                throw new InvalidOperationException(
                    $"Element {i} is {v}, not a whole number; the {DType} array cannot be read as integers.");
            }

            result[i] = (long)v;
        }

        return result;
    }

    /// <summary>A float32 tensor of the array's shape (rank 0 to <see cref="Tensor.MaxRank"/>).</summary>
    public Tensor ToTensor()
    {
        if (_shape.Length > Tensor.MaxRank)
        {
            throw new InvalidOperationException(
                $"A {_shape.Length}-d array does not fit a tensor (rank at most {Tensor.MaxRank}).");
        }

        return new Tensor(ToFloat32(), (int[])_shape.Clone());
    }
}
