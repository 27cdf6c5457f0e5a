using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Tango.NN.Serialization;

/// <summary>
/// The safetensors dtypes Tango reads, each converted to float32 on load (integers and booleans exactly up to
/// 2²⁴, wider values rounded). Tango writes F32 only. The 8-bit float formats are rejected as unsupported.
/// </summary>
internal static class SafeTensorsDType
{
    private delegate float Reader(ReadOnlySpan<byte> src, int i);

    private static readonly Dictionary<string, (int Size, Reader Read)> Formats = new(StringComparer.Ordinal)
    {
        ["F32"] = (4, static (s, i) => BinaryPrimitives.ReadSingleLittleEndian(s[(4 * i)..])),
        ["F64"] = (8, static (s, i) => (float)BinaryPrimitives.ReadDoubleLittleEndian(s[(8 * i)..])),
        ["F16"] = (2, static (s, i) => (float)BinaryPrimitives.ReadHalfLittleEndian(s[(2 * i)..])),
        // bfloat16 is the upper half of a float32.
        ["BF16"] = (2, static (s, i) =>
            BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(s[(2 * i)..]) << 16)),
        ["I64"] = (8, static (s, i) => BinaryPrimitives.ReadInt64LittleEndian(s[(8 * i)..])),
        ["I32"] = (4, static (s, i) => BinaryPrimitives.ReadInt32LittleEndian(s[(4 * i)..])),
        ["I16"] = (2, static (s, i) => BinaryPrimitives.ReadInt16LittleEndian(s[(2 * i)..])),
        ["I8"] = (1, static (s, i) => (sbyte)s[i]),
        ["U64"] = (8, static (s, i) => BinaryPrimitives.ReadUInt64LittleEndian(s[(8 * i)..])),
        ["U32"] = (4, static (s, i) => BinaryPrimitives.ReadUInt32LittleEndian(s[(4 * i)..])),
        ["U16"] = (2, static (s, i) => BinaryPrimitives.ReadUInt16LittleEndian(s[(2 * i)..])),
        ["U8"] = (1, static (s, i) => s[i]),
        ["BOOL"] = (1, static (s, i) => s[i] != 0 ? 1f : 0f),
    };

    /// <summary>The dtype names Tango reads, for messages.</summary>
    public static string Supported => string.Join(", ", Formats.Keys);

    /// <summary>The element size of a supported dtype, or 0 if Tango cannot read it.</summary>
    public static int SizeOf(string dtype) => Formats.TryGetValue(dtype, out var f) ? f.Size : 0;

    /// <summary>Converts little-endian elements of a supported <paramref name="dtype"/> to float32.</summary>
    public static void ToFloat(string dtype, ReadOnlySpan<byte> src, Span<float> dst)
    {
        if (dtype == "F32" && BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Cast<byte, float>(src).CopyTo(dst);
            return;
        }

        var read = Formats[dtype].Read;
        for (int i = 0; i < dst.Length; i++)
        {
            dst[i] = read(src, i);
        }
    }
}
