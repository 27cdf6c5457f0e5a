using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Tango.Core.IO;

/// <summary>
/// The header of a NumPy <c>.npy</c> file (format versions 1.0, 2.0 and 3.0, as numpy/lib/format.py defines
/// them): the magic <c>\x93NUMPY</c>, a major and minor version byte, the header length (2 bytes little-endian in
/// 1.0, 4 bytes in 2.0 and 3.0), then a Python dict literal
/// <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (n, d), }</c> padded with spaces and a newline so the
/// data starts on a 64-byte boundary. Version 3.0 differs from 2.0 only in encoding the header as UTF-8.
/// </summary>
public sealed class NpyHeader
{
    internal static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    internal NpyHeader(NpyDType dType, bool bigEndian, bool fortranOrder, int[] shape, int majorVersion,
        long dataOffset)
    {
        DType = dType;
        IsBigEndian = bigEndian;
        FortranOrder = fortranOrder;
        ShapeArray = shape;
        MajorVersion = majorVersion;
        DataOffset = dataOffset;
        long count = 1;
        foreach (int n in shape)
        {
            count *= n;
        }

        Count = count;
    }

    /// <summary>The element type.</summary>
    public NpyDType DType { get; }

    /// <summary>True when the data is stored big-endian (<c>&gt;f4</c>); reading swaps it.</summary>
    public bool IsBigEndian { get; }

    /// <summary>True for column-major data, which Tango rejects when reading.</summary>
    public bool FortranOrder { get; }

    /// <summary>The extents; empty for a 0-d array.</summary>
    public ReadOnlySpan<int> Shape => ShapeArray;

    /// <summary>1, 2 or 3.</summary>
    public int MajorVersion { get; }

    /// <summary>Where the data starts, in bytes from the beginning of the file.</summary>
    public long DataOffset { get; }

    /// <summary>The number of elements (the product of the extents; 1 for a 0-d array).</summary>
    public long Count { get; }

    /// <summary>The size in bytes of the data the header announces.</summary>
    public long DataBytes => Count * ItemSize(DType);

    internal int[] ShapeArray { get; }

    /// <summary>The size in bytes of one element of <paramref name="dType"/>.</summary>
    public static int ItemSize(NpyDType dType) => dType switch
    {
        NpyDType.Float32 or NpyDType.Int32 => 4,
        NpyDType.Float64 or NpyDType.Int64 => 8,
        NpyDType.UInt8 => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(dType), dType, "Unknown NpyDType."),
    };

    /// <summary>Reads and validates the header at the start of <paramref name="stream"/>.</summary>
    internal static NpyHeader Read(Stream stream, string path)
    {
        Span<byte> prefix = stackalloc byte[12];
        int got = stream.ReadAtLeast(prefix[..8], 8, throwOnEndOfStream: false);
        if (got < 6 || !prefix[..6].SequenceEqual(Magic))
        {
            throw new NpyFormatException(path, "bad magic: the file does not start with \\x93NUMPY, so it is not " +
                                               "a .npy file.");
        }

        int major = prefix[6];
        if (got < 8 || major is < 1 or > 3)
        {
            throw new NpyFormatException(path, got < 8
                ? "truncated header: the file ends inside the version field."
                : $"unsupported format version {major}.{prefix[7]} (Tango reads 1.0, 2.0 and 3.0).");
        }

        int lengthBytes = major == 1 ? 2 : 4;
        ReadExactly(stream, prefix.Slice(8, lengthBytes), path, "the header length field");
        long headerLength = major == 1
            ? BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..])
            : BinaryPrimitives.ReadUInt32LittleEndian(prefix[8..]);
        if (headerLength > 1 << 24)
        {
            throw new NpyFormatException(path, $"header length {headerLength} bytes is implausibly large.");
        }

        var text = new byte[headerLength];
        ReadExactly(stream, text, path, $"the {headerLength}-byte header");
        var encoding = major == 3 ? Encoding.UTF8 : Encoding.Latin1;
        var fields = NpyHeaderParser.Parse(encoding.GetString(text), path);
        return new NpyHeader(fields.DType, fields.BigEndian, fields.FortranOrder, fields.Shape, major,
            8 + lengthBytes + headerLength);
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string path, string what)
    {
        if (stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) < buffer.Length)
        {
            throw new NpyFormatException(path, $"truncated header: the file ends inside {what}.");
        }
    }

    /// <summary>
    /// The bytes of a header for little-endian C-order data: version 1.0 when the dict fits a 2-byte length,
    /// else 2.0; padded so the data starts on a 64-byte boundary.
    /// </summary>
    internal static byte[] Format(NpyDType dType, ReadOnlySpan<int> shape)
    {
        string dims = shape.Length switch
        {
            0 => "()",
            1 => $"({shape[0].ToString(CultureInfo.InvariantCulture)},)",
            _ => "(" + string.Join(", ", shape.ToArray().Select(n => n.ToString(CultureInfo.InvariantCulture))) + ")",
        };
        string dict = $"{{'descr': '{Descr(dType)}', 'fortran_order': False, 'shape': {dims}, }}";
        int major = dict.Length + 1 + 10 <= ushort.MaxValue ? 1 : 2;
        int prefixLength = major == 1 ? 10 : 12;
        int total = (prefixLength + dict.Length + 1 + 63) / 64 * 64;
        var bytes = new byte[total];
        Magic.CopyTo(bytes);
        bytes[6] = (byte)major;
        bytes[7] = 0;
        int headerLength = total - prefixLength;
        if (major == 1)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)headerLength);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)headerLength);
        }

        Encoding.Latin1.GetBytes(dict, bytes.AsSpan(prefixLength));
        bytes.AsSpan(prefixLength + dict.Length, headerLength - dict.Length - 1).Fill((byte)' ');
        bytes[^1] = (byte)'\n';
        return bytes;
    }

    /// <summary>The little-endian NumPy type string of <paramref name="dType"/>.</summary>
    internal static string Descr(NpyDType dType) => dType switch
    {
        NpyDType.Float32 => "<f4",
        NpyDType.Float64 => "<f8",
        NpyDType.Int32 => "<i4",
        NpyDType.Int64 => "<i8",
        NpyDType.UInt8 => "|u1",
        _ => throw new ArgumentOutOfRangeException(nameof(dType), dType, "Unknown NpyDType."),
    };
}
