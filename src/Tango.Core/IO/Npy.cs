using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;

namespace Tango.Core.IO;

/// <summary>
/// Reads and writes NumPy <c>.npy</c> files (format 1.0/2.0/3.0; float32, float64, int32, int64 and uint8; C
/// order). Writes go to a temporary name that is renamed over the target, so a failure never leaves a partial file.
/// For float32 matrices too large to copy into memory, see <see cref="MappedFloatMatrix"/>.
/// </summary>
public static class Npy
{
    /// <summary>Reads and validates only the header.</summary>
    public static NpyHeader ReadHeader(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = OpenRead(path);
        return NpyHeader.Read(stream, path);
    }

    /// <summary>Reads the whole array into memory (big-endian data is swapped to native order).</summary>
    public static NpyArray Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = OpenRead(path);
        var header = NpyHeader.Read(stream, path);
        RequireReadable(header, stream.Length, path);
        if (header.Count > Array.MaxLength)
        {
            throw new NpyFormatException(path,
                $"{header.Count} elements do not fit one in-memory array; open it with MappedFloatMatrix instead.");
        }

        int count = (int)header.Count;
        Array data = header.DType switch
        {
            NpyDType.Float32 => ReadInto(stream, new float[count], path),
            NpyDType.Float64 => ReadInto(stream, new double[count], path),
            NpyDType.Int32 => ReadInto(stream, new int[count], path),
            NpyDType.Int64 => ReadInto(stream, new long[count], path),
            _ => ReadInto(stream, new byte[count], path),
        };
        if (header.IsBigEndian)
        {
            SwapBytes(data);
        }

        return new NpyArray(header.DType, header.ShapeArray, data);
    }

    /// <summary>Writes float32 data of the given shape (rank-1 of the data's length when no shape is given); a
    /// <c>.gz</c> name is written gzip-compressed. Atomic: a temporary file, then a rename.</summary>
    public static void Write(string path, ReadOnlySpan<float> data, params ReadOnlySpan<int> shape) =>
        WriteCore(path, NpyDType.Float32, MemoryMarshal.AsBytes(data), data.Length, shape);

    /// <summary>Writes float64 data; see the float32 overload.</summary>
    public static void Write(string path, ReadOnlySpan<double> data, params ReadOnlySpan<int> shape) =>
        WriteCore(path, NpyDType.Float64, MemoryMarshal.AsBytes(data), data.Length, shape);

    /// <summary>Writes int32 data; see the float32 overload.</summary>
    public static void Write(string path, ReadOnlySpan<int> data, params ReadOnlySpan<int> shape) =>
        WriteCore(path, NpyDType.Int32, MemoryMarshal.AsBytes(data), data.Length, shape);

    /// <summary>Writes int64 data; see the float32 overload.</summary>
    public static void Write(string path, ReadOnlySpan<long> data, params ReadOnlySpan<int> shape) =>
        WriteCore(path, NpyDType.Int64, MemoryMarshal.AsBytes(data), data.Length, shape);

    /// <summary>Writes uint8 data; see the float32 overload.</summary>
    public static void Write(string path, ReadOnlySpan<byte> data, params ReadOnlySpan<int> shape) =>
        WriteCore(path, NpyDType.UInt8, data, data.Length, shape);

    /// <summary>Writes a tensor as float32 with its shape.</summary>
    public static void Write(string path, Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        Write(path, tensor.Span, tensor.Shape);
    }

    /// <summary>Throws unless the header describes C-order data that the file holds completely.</summary>
    internal static void RequireReadable(NpyHeader header, long fileLength, string path)
    {
        if (header.FortranOrder)
        {
            throw new NpyFormatException(path, "Fortran (column-major) order is not supported; save the array " +
                                               "with numpy.ascontiguousarray first.");
        }

        long available = fileLength - header.DataOffset;
        if (available < header.DataBytes)
        {
            throw new NpyFormatException(path,
                $"truncated data: the header announces shape {Shapes.Format(header.ShapeArray)} of " +
                $"{header.DType} ({header.DataBytes} bytes) but only {Math.Max(available, 0)} bytes follow it.");
        }
    }

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);

    private static T[] ReadInto<T>(Stream stream, T[] data, string path) where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(data.AsSpan());
        if (stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) < bytes.Length)
        {
            throw new NpyFormatException(path, "truncated data: the file ended while reading.");
        }

        return data;
    }

    internal static void SwapBytes(Array data)
    {
        switch (data)
        {
            case float[] f:
                Swap(MemoryMarshal.Cast<float, int>(f.AsSpan()));
                break;
            case double[] d:
                Swap(MemoryMarshal.Cast<double, long>(d.AsSpan()));
                break;
            case int[] i:
                Swap(i.AsSpan());
                break;
            case long[] l:
                Swap(l.AsSpan());
                break;
        }
    }

    private static void Swap(Span<int> x) => BinaryPrimitives.ReverseEndianness(x, x);

    private static void Swap(Span<long> x) => BinaryPrimitives.ReverseEndianness(x, x);

    private static void WriteCore(string path, NpyDType dType, ReadOnlySpan<byte> bytes, int count,
        ReadOnlySpan<int> shape)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        int[] dims = shape.IsEmpty ? [count] : shape.ToArray();
        long size = 1;
        foreach (int n in dims)
        {
            size *= n >= 0 ? n : throw new ArgumentException($"Npy.Write: negative extent in shape " +
                                                              $"{Shapes.Format(dims)}.", nameof(shape));
        }

        if (size != count)
        {
            throw new ArgumentException(
                $"Npy.Write: {count} values do not fill shape {Shapes.Format(dims)} ({size} elements).", nameof(shape));
        }

        var header = NpyHeader.Format(dType, dims);
        using var file = AtomicFile.Create(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            using var gzip = new GZipStream(file.Stream, CompressionLevel.Optimal, leaveOpen: true);
            gzip.Write(header);
            gzip.Write(bytes);
        }
        else
        {
            file.Stream.Write(header);
            file.Stream.Write(bytes);
        }

        file.Commit();
    }
}
