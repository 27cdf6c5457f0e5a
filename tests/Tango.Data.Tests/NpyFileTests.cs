using System.IO.Compression;
using Tango.Core.IO;

namespace Tango.Data.Tests;

public sealed class NpyFileTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("a.npy")]
    [InlineData("a.npy.gz")]
    public void RoundTrip_EveryDType(string name)
    {
        string path = _dir.File(name);
        float[] f4 = [1.5f, -0f, float.MaxValue, float.Epsilon, -3.25f, 7f];
        NpyFile.Write(path, f4, 2, 3);
        AssertRead(path, NpyDType.Float32, [2, 3], f4);

        double[] f8 = [1e300, -2.5, double.Epsilon, 0.1];
        NpyFile.Write(path, f8, 4, 1);
        AssertRead(path, NpyDType.Float64, [4, 1], f8);

        int[] i4 = [int.MinValue, -1, 0, int.MaxValue];
        NpyFile.Write(path, i4);
        AssertRead(path, NpyDType.Int32, [4], i4);

        long[] i8 = [long.MinValue, 5, long.MaxValue];
        NpyFile.Write(path, i8, 3);
        AssertRead(path, NpyDType.Int64, [3], i8);

        byte[] u1 = Enumerable.Range(0, 24).Select(i => (byte)(i * 11)).ToArray();
        NpyFile.Write(path, u1, 2, 3, 4);
        AssertRead(path, NpyDType.UInt8, [2, 3, 4], u1);

        NpyFile.Write(path, Array.Empty<float>(), 0, 5);
        AssertRead(path, NpyDType.Float32, [0, 5], Array.Empty<float>());
    }

    [Fact]
    public void Write_GzipByExtension_PlainOtherwise()
    {
        NpyFile.Write(_dir.File("a.npy.gz"), [1f, 2f]);
        NpyFile.Write(_dir.File("a.npy"), [1f, 2f]);
        var gz = File.ReadAllBytes(_dir.File("a.npy.gz"));
        var plain = File.ReadAllBytes(_dir.File("a.npy"));
        Assert.Equal([0x1f, 0x8b], gz[..2]);
        Assert.Equal(0x93, plain[0]);
        Assert.Equal("NUMPY", System.Text.Encoding.ASCII.GetString(plain, 1, 5));
        // The plain file is 64-byte aligned header + 8 data bytes; the gzip file decompresses to the same bytes.
        using var inflate = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
        var copy = new MemoryStream();
        inflate.CopyTo(copy);
        Assert.Equal(plain, copy.ToArray());
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp"));
    }

    [Fact]
    public void Read_GzipDetectedByMagic_WithoutExtension()
    {
        NpyFile.Write(_dir.File("a.npy.gz"), [4, 5, 6]);
        File.Move(_dir.File("a.npy.gz"), _dir.File("renamed.bin"));
        Assert.True(NpyFile.IsGzip(_dir.File("renamed.bin")));
        Assert.Equal([4, 5, 6], NpyFile.Read(_dir.File("renamed.bin")).GetData<int>());
    }

    [Fact]
    public void Read_NumPyFiles()
    {
        float[] expected = [-1f, -0.5f, 0f, 0.5f, 1f, 1.5f];
        Assert.Equal(expected, NpyFile.Read(Fixture.Path("np_f4.npy")).GetData<float>());
        Assert.Equal(expected, NpyFile.Read(Fixture.Path("np_f4.npy.gz")).GetData<float>());
        Assert.Equal(expected, NpyFile.Read(Fixture.Path("np_f4_big_endian.npy")).GetData<float>());
        var u1 = NpyFile.Read(Fixture.Path("np_u1_3d.npy.gz"));
        Assert.Equal([2, 3, 4], u1.Shape.ToArray());
        Assert.Equal(Enumerable.Range(0, 24).Select(i => (byte)i), u1.GetData<byte>());
        Assert.Equal([2, 3, 4], NpyFile.ReadHeader(Fixture.Path("np_u1_3d.npy.gz")).Shape.ToArray());
    }

    [Fact]
    public void ReadMatrix_FlattensTrailingAxes()
    {
        var m = NpyFile.ReadMatrix(Fixture.Path("np_u1_3d.npy.gz"));
        Assert.Equal([2, 12], m.Shape.ToArray());
        Assert.Equal(13f, m.Span[13]);
        var v = NpyFile.ReadMatrix(Fixture.Path("np_labels_i8.npy"));
        Assert.Equal([5, 1], v.Shape.ToArray());
    }

    [Fact]
    public void Read_FortranOrder_Rejected()
    {
        var e = Assert.Throws<NpyFormatException>(() => NpyFile.Read(Fixture.Path("np_f8_fortran.npy")));
        Assert.Contains("np_f8_fortran.npy", e.Message);
        Assert.Contains("Fortran", e.Message);
    }

    [Fact]
    public void Read_UnsupportedDType_Rejected()
    {
        var e = Assert.Throws<NpyFormatException>(() => NpyFile.Read(Fixture.Path("np_i2.npy")));
        Assert.Contains("np_i2.npy", e.Message);
        Assert.Contains("unsupported dtype '<i2'", e.Message);
    }

    [Theory]
    [InlineData("t.npy")]
    [InlineData("t.npy.gz")]
    public void Read_Truncated_NamesShapeAndBytes(string name)
    {
        string path = _dir.File(name);
        var bytes = NpyBytes([1f, 2f, 3f, 4f, 5f, 6f], 2, 3);
        WriteRaw(path, bytes[..^3]);
        var e = Assert.Throws<NpyFormatException>(() => NpyFile.Read(path));
        Assert.Contains(name, e.Message);
        Assert.Contains("truncated data", e.Message);
        Assert.Contains("shape (2, 3) of Float32 (24 bytes)", e.Message);
        Assert.Contains("only 21 bytes", e.Message);
    }

    [Theory]
    [InlineData("o.npy")]
    [InlineData("o.npy.gz")]
    public void Read_Oversized_Rejected(string name)
    {
        string path = _dir.File(name);
        var bytes = NpyBytes([1f, 2f], 2);
        WriteRaw(path, [.. bytes, 0, 0, 0, 0, 9]);
        var e = Assert.Throws<NpyFormatException>(() => NpyFile.Read(path));
        Assert.Contains(name, e.Message);
        Assert.Contains("oversized data", e.Message);
        Assert.Contains("13 bytes", e.Message);
    }

    [Fact]
    public void Read_HeaderAnnouncingHugeArray_Rejected()
    {
        // A 64-byte header announcing 50,000 × 50,000 float32 (10 GB) with 8 bytes behind it.
        var header = NpyHeader.Format(NpyDType.Float32, [50_000, 50_000]);
        string plain = _dir.File("huge.npy");
        File.WriteAllBytes(plain, [.. header, 1, 2, 3, 4, 5, 6, 7, 8]);
        Assert.Contains("truncated data", Assert.Throws<NpyFormatException>(() => NpyFile.Read(plain)).Message);
        string gz = _dir.File("huge.npy.gz");
        WriteRaw(gz, [.. header, 1, 2, 3, 4, 5, 6, 7, 8]);
        var e = Assert.Throws<NpyFormatException>(() => NpyFile.Read(gz));
        Assert.Contains("do not fit one in-memory array", e.Message);
    }

    [Fact]
    public void Read_CorruptGzip_Rejected()
    {
        string path = _dir.File("c.npy.gz");
        File.WriteAllBytes(path, [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xfe, 0xfd, 0xfc, 0x10, 0x20]);
        var e = Assert.Throws<NpyFormatException>(() => NpyFile.Read(path));
        Assert.Contains("c.npy.gz", e.Message);
        Assert.Contains("corrupt gzip", e.Message);
    }

    [Fact]
    public void Read_CutGzipStream_Rejected()
    {
        string path = _dir.File("cut.npy.gz");
        NpyFile.Write(path, Enumerable.Range(0, 5000).Select(i => (float)Math.Sin(i)).ToArray());
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<NpyFormatException>(() => NpyFile.Read(path));
        Assert.Contains("cut.npy.gz", e.Message);
        Assert.True(e.Message.Contains("truncated", StringComparison.Ordinal) ||
                    e.Message.Contains("corrupt gzip", StringComparison.Ordinal), e.Message);
    }

    [Fact]
    public void Read_NotNpy_BadMagic()
    {
        string path = _dir.Text("x.npy", "hello, world");
        var e = Assert.Throws<NpyFormatException>(() => NpyFile.Read(path));
        Assert.Contains("bad magic", e.Message);
        Assert.Contains("x.npy", e.Message);
    }

    [Fact]
    public void Read_MissingFile_NamesIt()
    {
        var e = Assert.Throws<FileNotFoundException>(() => NpyFile.Read(_dir.File("nope.npy")));
        Assert.Contains("nope.npy", e.Message);
    }

    [Fact]
    public void Write_ShapeMismatch_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => NpyFile.Write(_dir.File("w.npy"), [1f, 2f, 3f], 2, 2));
        Assert.Contains("3 values do not fill shape (2, 2)", e.Message);
        Assert.False(File.Exists(_dir.File("w.npy")));
    }

    [Fact]
    public void OpenMapped_PlainFile_ReadsRows_GzipRejected()
    {
        var data = Enumerable.Range(0, 12).Select(i => i * 0.5f).ToArray();
        NpyFile.Write(_dir.File("m.npy"), data, 4, 3);
        using (var m = NpyFile.OpenMapped(_dir.File("m.npy")))
        {
            Assert.Equal(4, m.Rows);
            Assert.Equal(3, m.Columns);
            Assert.Equal(data[6..9], m.GetRow(2).ToArray());
        }

        File.AppendAllText(_dir.File("m.npy"), "junk");
        Assert.Contains("oversized data", Assert.Throws<NpyFormatException>(
            () => NpyFile.OpenMapped(_dir.File("m.npy"))).Message);
        NpyFile.Write(_dir.File("m.npy.gz"), data, 4, 3);
        var e = Assert.Throws<NpyFormatException>(() => NpyFile.OpenMapped(_dir.File("m.npy.gz")));
        Assert.Contains("cannot be memory-mapped", e.Message);
    }

    [Fact]
    public void Write_NpyArrayAndTensor_RoundTrip()
    {
        var a = NpyFile.Read(Fixture.Path("np_u1_3d.npy.gz"));
        NpyFile.Write(_dir.File("copy.npy"), a);
        Assert.Equal(a.GetData<byte>(), NpyFile.Read(_dir.File("copy.npy")).GetData<byte>());
        var t = Core.Tensor.FromArray([1f, 2f, 3f, 4f], 2, 2);
        NpyFile.Write(_dir.File("t.npy.gz"), t);
        var back = NpyFile.ReadMatrix(_dir.File("t.npy.gz"));
        Assert.Equal([2, 2], back.Shape.ToArray());
        Assert.Equal(t.Span.ToArray(), back.Span.ToArray());
    }

    private static void AssertRead<T>(string path, NpyDType dType, int[] shape, T[] expected) where T : unmanaged
    {
        var a = NpyFile.Read(path);
        Assert.Equal(dType, a.DType);
        Assert.Equal(shape, a.Shape.ToArray());
        Assert.Equal(expected, a.GetData<T>());
    }

    private static byte[] NpyBytes(float[] data, params int[] shape)
    {
        var header = NpyHeader.Format(NpyDType.Float32, shape);
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.AsSpan()).ToArray();
        return [.. header, .. bytes];
    }

    // Plain bytes, or gzip-compressed when the name ends in .gz.
    private static void WriteRaw(string path, byte[] bytes)
    {
        using var file = File.Create(path);
        if (path.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var gzip = new GZipStream(file, CompressionLevel.Fastest);
            gzip.Write(bytes);
        }
        else
        {
            file.Write(bytes);
        }
    }
}
