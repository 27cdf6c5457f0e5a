using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Tango.Core;
using Tango.Core.IO;

namespace Tango.Data;

/// <summary>
/// Reads and writes NumPy arrays in <c>.npy</c> files and gzip-compressed <c>.npy.gz</c> files (float32, float64,
/// int32, int64 and uint8; C order). A file is read as gzip when its name ends in <c>.gz</c> or its first two bytes
/// are the gzip magic <c>1f 8b</c>; written as gzip when its name ends in <c>.gz</c>. Writes go to a temporary name
/// renamed over the target. The data must fill exactly what the header announces: a file that ends early
/// (truncated) or goes on after the data (oversized) is rejected with a message naming the file, the shape and the
/// byte counts. Large uncompressed float32 matrices can be memory-mapped with <see cref="OpenMapped"/>.
/// </summary>
public static class NpyFile
{
    private const int BufferSize = 1 << 16;

    /// <summary>True when <paramref name="path"/> names or holds gzip data (by extension, else by magic).</summary>
    public static bool IsGzip(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        using var stream = OpenFile(path);
        Span<byte> magic = stackalloc byte[2];
        return stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }

    /// <summary>Reads and validates only the header (decompressing as far as the header for gzip files).</summary>
    public static NpyHeader ReadHeader(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = OpenRead(path);
        return Guard(path, () => NpyHeader.Read(stream, path));
    }

    /// <summary>Reads the whole array into memory (big-endian data is swapped to native order).</summary>
    /// <exception cref="NpyFormatException">The file is not a readable C-order .npy of a supported dtype, or its
    /// data does not match its header.</exception>
    public static NpyArray Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = OpenRead(path);
        return Guard(path, () => ReadFrom(stream, path));
    }

    /// <summary>
    /// Reads an array as a float32 matrix: a 1-D array of n values gives (n, 1); a k-D array gives
    /// (shape[0], product of the rest), so MNIST's (10000, 28, 28) images read as (10000, 784).
    /// </summary>
    public static Tensor ReadMatrix(string path)
    {
        var array = Read(path);
        var shape = array.Shape;
        if (shape.Length == 0)
        {
            throw new NpyFormatException(path, "expected an array of rows (1-D or more), found a 0-d scalar.");
        }

        int rows = shape[0];
        int cols = 1;
        foreach (int n in shape[1..])
        {
            cols *= n;
        }

        return Tensor.FromArray(array.ToFloat32(), rows, cols);
    }

    /// <summary>
    /// Memory-maps a 2-D little-endian float32 <c>.npy</c> (uncompressed: a gzip file cannot be mapped) after
    /// checking that the file holds exactly the data its header announces.
    /// </summary>
    public static MappedFloatMatrix OpenMapped(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (IsGzip(path))
        {
            throw new NpyFormatException(path, "a gzip-compressed file cannot be memory-mapped; decompress it " +
                                               "(gunzip) or read it into memory with NpyFile.Read.");
        }

        var header = ReadHeader(path);
        long available = new FileInfo(path).Length - header.DataOffset;
        if (available > header.DataBytes)
        {
            throw SizeMismatch(path, header, available, decompressed: false);
        }

        return MappedFloatMatrix.Open(path);
    }

    /// <summary>Writes float32 data of the given shape (1-D of the data's length when no shape is given).</summary>
    public static void Write(string path, ReadOnlySpan<float> data, params ReadOnlySpan<int> shape) =>
        Npy.Write(path, data, shape);

    /// <summary>Writes float64 data; see the float32 overload.</summary>
    public static void Write(string path, ReadOnlySpan<double> data, params ReadOnlySpan<int> shape) =>
        Npy.Write(path, data, shape);

    /// <summary>Writes int32 data; see the float32 overload.</summary>
    public static void Write(string path, ReadOnlySpan<int> data, params ReadOnlySpan<int> shape) =>
        Npy.Write(path, data, shape);

    /// <summary>Writes int64 data; see the float32 overload.</summary>
    public static void Write(string path, ReadOnlySpan<long> data, params ReadOnlySpan<int> shape) =>
        Npy.Write(path, data, shape);

    /// <summary>Writes uint8 data; see the float32 overload.</summary>
    public static void Write(string path, ReadOnlySpan<byte> data, params ReadOnlySpan<int> shape) =>
        Npy.Write(path, data, shape);

    /// <summary>Writes an array read earlier (same dtype and shape).</summary>
    public static void Write(string path, NpyArray array)
    {
        ArgumentNullException.ThrowIfNull(array);
        var shape = array.Shape;
        switch (array.Data)
        {
            case float[] f: Write(path, f, shape); break;
            case double[] d: Write(path, d, shape); break;
            case int[] i: Write(path, i, shape); break;
            case long[] l: Write(path, l, shape); break;
            case byte[] b: Write(path, b, shape); break;
            default: throw new ArgumentException($"Unexpected data type {array.Data.GetType().Name}.", nameof(array));
        }
    }

    /// <summary>Writes a tensor as float32 with its shape.</summary>
    public static void Write(string path, Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        Write(path, tensor.Span, tensor.Shape);
    }

    /// <summary>Reads an array from a stream (gzip-decompressed first when <paramref name="gzip"/>); the name is
    /// used in messages.</summary>
    internal static NpyArray Read(Stream stream, string name, bool gzip)
    {
        using var source = gzip ? new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true) : stream;
        return Guard(name, () => ReadFrom(source, name));
    }

    private static FileStream OpenFile(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize);
        }
        catch (FileNotFoundException)
        {
            throw new FileNotFoundException($"NumPy file '{path}' does not exist.", path);
        }
    }

    private static Stream OpenRead(string path)
    {
        bool gzip = IsGzip(path);
        var file = OpenFile(path);
        return gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    // A damaged gzip stream surfaces as InvalidDataException from GZipStream: report it as the file's problem.
    private static T Guard<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidDataException e)
        {
            throw new NpyFormatException(path, $"corrupt gzip data ({e.Message}).");
        }
    }

    private static NpyArray ReadFrom(Stream stream, string path)
    {
        var header = NpyHeader.Read(stream, path);
        if (header.FortranOrder)
        {
            throw new NpyFormatException(path, "Fortran (column-major) order is not supported; save the array " +
                                               "with numpy.ascontiguousarray first.");
        }

        if (stream is FileStream file && file.Length - header.DataOffset is var available &&
            available != header.DataBytes)
        {
            throw SizeMismatch(path, header, available, decompressed: false);
        }

        if (header.Count > Array.MaxLength)
        {
            throw new NpyFormatException(path, $"the header announces shape {Shapes.Format(header.Shape)}: " +
                                               $"{header.Count} elements do not fit one in-memory array; " +
                                               "memory-map an uncompressed file instead.");
        }

        int count = (int)header.Count;
        // Uninitialised: every byte is overwritten by the read or the array is discarded with an exception.
        Array data = header.DType switch
        {
            NpyDType.Float32 => GC.AllocateUninitializedArray<float>(count),
            NpyDType.Float64 => GC.AllocateUninitializedArray<double>(count),
            NpyDType.Int32 => GC.AllocateUninitializedArray<int>(count),
            NpyDType.Int64 => GC.AllocateUninitializedArray<long>(count),
            _ => GC.AllocateUninitializedArray<byte>(count),
        };
        long got = ReadBytes(stream, data, header.DataBytes);
        if (got < header.DataBytes)
        {
            throw SizeMismatch(path, header, got, decompressed: stream is not FileStream);
        }

        Span<byte> probe = stackalloc byte[4096];
        long extra = 0;
        for (int n; (n = stream.Read(probe)) > 0;)
        {
            extra += n;
        }

        if (extra > 0)
        {
            throw SizeMismatch(path, header, header.DataBytes + extra, decompressed: true);
        }

        if (header.IsBigEndian)
        {
            Npy.SwapBytes(data);
        }

        return new NpyArray(header.DType, header.ShapeArray, data);
    }

    // Fills the array's bytes from the stream in chunks (an array of 8-byte elements may exceed 2 GB); returns the
    // number of bytes read, less than total only when the stream ended.
    private static long ReadBytes(Stream stream, Array data, long total)
    {
        ref byte start = ref MemoryMarshal.GetArrayDataReference(data);
        long done = 0;
        while (done < total)
        {
            int chunk = (int)Math.Min(total - done, 1 << 30);
            var span = MemoryMarshal.CreateSpan(ref Unsafe.Add(ref start, (nint)done), chunk);
            int got = stream.ReadAtLeast(span, chunk, throwOnEndOfStream: false);
            done += got;
            if (got < chunk)
            {
                break;
            }
        }

        return done;
    }

    private static NpyFormatException SizeMismatch(string path, NpyHeader header, long available,
        bool decompressed)
    {
        string what = $"shape {Shapes.Format(header.Shape)} of {header.DType} ({header.DataBytes} bytes)";
        string where = decompressed ? "the decompressed data holds" : "the file holds";
        return new NpyFormatException(path, available < header.DataBytes
            ? $"truncated data: the header announces {what} but {where} only {Math.Max(available, 0)} bytes " +
              "after the header."
            : $"oversized data: the header announces {what} but {where} {available} bytes after the header; " +
              "the header and the data disagree.");
    }
}
