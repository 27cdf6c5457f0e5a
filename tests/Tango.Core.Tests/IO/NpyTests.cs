using Tango.Core.IO;

namespace Tango.Core.Tests.IO;

public class NpyTests
{
    private static readonly float[] F4 = [-1f, -0.5f, 0f, 0.5f, 1f, 1.5f];

    [Theory]
    [InlineData("f4_v1.npy", 1)]
    [InlineData("f4_v2.npy", 2)]
    [InlineData("f4_v3.npy", 3)]
    public void Read_NumPyFloat32_EveryVersion(string name, int version)
    {
        Assert.Equal(version, Npy.ReadHeader(Fixture.Path(name)).MajorVersion);
        var a = Npy.Read(Fixture.Path(name));
        Assert.Equal(NpyDType.Float32, a.DType);
        Assert.Equal([2, 3], a.Shape.ToArray());
        Assert.Equal(F4, a.GetData<float>());
    }

    [Fact]
    public void Read_EveryDType()
    {
        Assert.Equal([1.5, -2.25, 1e300, -0.0], Npy.Read(Fixture.Path("f8.npy")).GetData<double>());
        var i4 = Npy.Read(Fixture.Path("i4.npy"));
        Assert.Equal([4], i4.Shape.ToArray());
        Assert.Equal([1, -2, int.MaxValue, int.MinValue], i4.GetData<int>());
        var i8 = Npy.Read(Fixture.Path("i8.npy"));
        Assert.Equal([3, 1], i8.Shape.ToArray());
        Assert.Equal([1L, -(1L << 62), 7L], i8.GetData<long>());
        Assert.Equal(new byte[] { 0, 1, 255 }, Npy.Read(Fixture.Path("u1.npy")).GetData<byte>());
    }

    [Fact]
    public void Read_BigEndian_IsSwapped_ScalarAndEmptyShapes()
    {
        Assert.Equal(F4, Npy.Read(Fixture.Path("f4_big_endian.npy")).GetData<float>());
        var scalar = Npy.Read(Fixture.Path("f4_scalar.npy"));
        Assert.Equal(0, scalar.Shape.Length);
        Assert.Equal([3.5f], scalar.GetData<float>());
        var empty = Npy.Read(Fixture.Path("f4_empty.npy"));
        Assert.Equal([0, 4], empty.Shape.ToArray());
        Assert.Equal(0, empty.Count);
    }

    [Fact]
    public void Conversions_ToFloat32_ToInt64_ToTensor()
    {
        Assert.Equal([1f, -2f, 2147483648f, -2147483648f], Npy.Read(Fixture.Path("i4.npy")).ToFloat32());
        Assert.Equal([0L, 1L, 255L], Npy.Read(Fixture.Path("u1.npy")).ToInt64());
        var ex = Assert.Throws<InvalidOperationException>(() => Npy.Read(Fixture.Path("f4_v1.npy")).ToInt64());
        Assert.Contains("Element 1 is -0.5", ex.Message, StringComparison.Ordinal);
        var t = Npy.Read(Fixture.Path("f4_v1.npy")).ToTensor();
        Assert.Equal("(2, 3)", t.ShapeString);
        Assert.Equal(F4, t.ToArray());
        Assert.Throws<InvalidOperationException>(() => Npy.Read(Fixture.Path("f8.npy")).GetData<float>());
    }

    [Theory]
    [InlineData("not_npy.npy", "bad magic")]
    [InlineData("f2.npy", "unsupported dtype '<f2'")]
    [InlineData("structured.npy", "unsupported dtype")]
    [InlineData("f4_fortran.npy", "Fortran")]
    [InlineData("truncated.npy", "truncated data")]
    public void Read_BadFiles_NameTheFileAndTheProblem(string name, string problem)
    {
        var ex = Assert.Throws<NpyFormatException>(() => Npy.Read(Fixture.Path(name)));
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.Contains(name, ex.Message, StringComparison.Ordinal);
        Assert.Equal(Fixture.Path(name), ex.FilePath);
    }

    [Theory]
    [InlineData(3, "truncated header")]
    [InlineData(9, "truncated header")]
    [InlineData(40, "truncated header")]
    public void Read_HeaderCutShort_IsTruncated(int keep, string problem)
    {
        using var dir = new TempFolder();
        string path = dir.File("cut.npy");
        File.WriteAllBytes(path, File.ReadAllBytes(Fixture.Path("f4_v1.npy"))[..keep]);
        var ex = Assert.Throws<NpyFormatException>(() => Npy.Read(path));
        Assert.Contains(keep < 6 ? "bad magic" : problem, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{'descr': '<f4', 'shape': (2,), }", "must hold the keys")]
    [InlineData("{'descr': '<f4', 'fortran_order': Maybe, 'shape': (2,), }", "True or False")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2, -1), }", "malformed shape")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'x': 1}", "unexpected or repeated key 'x'")]
    [InlineData("{'descr': '<c8', 'fortran_order': False, 'shape': (2,), }", "unsupported dtype '<c8'")]
    [InlineData("['descr']", "expected '{'")]
    public void Read_MalformedHeader_SaysWhatIsWrong(string dict, string problem)
    {
        using var dir = new TempFolder();
        string path = dir.File("bad.npy");
        var text = System.Text.Encoding.Latin1.GetBytes(dict + "\n");
        var bytes = new byte[10 + text.Length + 8];
        NpyHeader.Magic.CopyTo(bytes);
        bytes[6] = 1;
        bytes[8] = (byte)text.Length;
        text.CopyTo(bytes, 10);
        File.WriteAllBytes(path, bytes);
        var ex = Assert.Throws<NpyFormatException>(() => Npy.Read(path));
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_IsByteIdenticalToNumPy()
    {
        using var dir = new TempFolder();
        string path = dir.File("out.npy");
        Npy.Write(path, F4, 2, 3);
        Assert.Equal(File.ReadAllBytes(Fixture.Path("f4_v1.npy")), File.ReadAllBytes(path));
        Npy.Write(path, [1, -2, int.MaxValue, int.MinValue]);
        Assert.Equal(File.ReadAllBytes(Fixture.Path("i4.npy")), File.ReadAllBytes(path));
        Npy.Write(path, new byte[] { 0, 1, 255 }, 1, 3);
        Assert.Equal(File.ReadAllBytes(Fixture.Path("u1.npy")), File.ReadAllBytes(path));
        Npy.Write(path, [3.5f], []);
        Assert.Equal(File.ReadAllBytes(Fixture.Path("f4_v1.npy")).Length - 20, File.ReadAllBytes(path).Length);
    }

    [Fact]
    public void Write_Read_RoundTrips_EveryDType_AndLeavesNoTemporaryFile()
    {
        using var dir = new TempFolder();
        Npy.Write(dir.File("d.npy"), [1e-300, double.NaN, 2.0], 3, 1);
        Npy.Write(dir.File("l.npy"), [long.MinValue, 5L], 2);
        var t = Tensor.FromArray(F4, 3, 2);
        Npy.Write(dir.File("t.npy"), t);
        Assert.Equal([3, 1], Npy.Read(dir.File("d.npy")).Shape.ToArray());
        Assert.True(double.IsNaN(Npy.Read(dir.File("d.npy")).GetData<double>()[1]));
        Assert.Equal([long.MinValue, 5L], Npy.Read(dir.File("l.npy")).GetData<long>());
        Assert.Equal([3, 2], Npy.Read(dir.File("t.npy")).Shape.ToArray());
        Assert.Equal(3, Directory.GetFiles(dir.Path).Length);
    }

    [Fact]
    public void Write_LongShape_UsesVersion2()
    {
        using var dir = new TempFolder();
        int[] shape = [.. Enumerable.Repeat(1, 25_000)];
        Npy.Write(dir.File("v2.npy"), [7f], shape);
        var h = Npy.ReadHeader(dir.File("v2.npy"));
        Assert.Equal(2, h.MajorVersion);
        Assert.Equal(0, h.DataOffset % 64);
        Assert.Equal([7f], Npy.Read(dir.File("v2.npy")).GetData<float>());
    }

    [Fact]
    public void Write_ShapeMismatch_Throws()
    {
        using var dir = new TempFolder();
        var ex = Assert.Throws<ArgumentException>(() => Npy.Write(dir.File("x.npy"), F4, 4, 2));
        Assert.Contains("6 values do not fill shape (4, 2)", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }
}
