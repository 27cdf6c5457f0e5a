using Tango.Core.IO;

namespace Tango.Core.Tests.IO;

public class MappedFloatMatrixTests
{
    [Fact]
    public void Open_MapsRowsWithoutCopying_AllVersions()
    {
        foreach (string name in new[] { "f4_v1.npy", "f4_v2.npy", "f4_v3.npy" })
        {
            using var m = MappedFloatMatrix.Open(Fixture.Path(name));
            Assert.Equal(2, m.Rows);
            Assert.Equal(3, m.Columns);
            Assert.Equal([0.5f, 1f, 1.5f], m.GetRow(1).ToArray());
            Assert.Equal([-1f, -0.5f, 0f, 0.5f, 1f, 1.5f], m.GetRows(0, 2).ToArray());
            Assert.Equal(0, m.GetRows(2, 0).Length);
        }
    }

    [Fact]
    public void Open_LargerFile_MatchesWrittenData()
    {
        using var dir = new TempFolder();
        var rng = new Rng(5);
        var data = new float[1000 * 37];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = rng.NextNormal();
        }

        Npy.Write(dir.File("m.npy"), data, 1000, 37);
        using var m = MappedFloatMatrix.Open(dir.File("m.npy"));
        Assert.Equal(data.AsSpan(37 * 123, 37 * 400).ToArray(), m.GetRows(123, 400).ToArray());
    }

    [Theory]
    [InlineData("i4.npy", "Int32 of shape (4)")]
    [InlineData("f4_big_endian.npy", "big-endian")]
    [InlineData("f4_scalar.npy", "shape ()")]
    [InlineData("f4_fortran.npy", "Fortran")]
    [InlineData("truncated.npy", "truncated data")]
    [InlineData("not_npy.npy", "bad magic")]
    public void Open_Unsuitable_Throws(string name, string problem)
    {
        var ex = Assert.Throws<NpyFormatException>(() => MappedFloatMatrix.Open(Fixture.Path(name)));
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.Contains(name, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetRows_OutOfRange_AndAfterDispose_Throw()
    {
        var m = MappedFloatMatrix.Open(Fixture.Path("f4_v1.npy"));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => m.GetRows(1, 2));
        Assert.Contains("Rows [1, 3) are outside the 2 rows", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => m.GetRows(-1, 1));
        m.Dispose();
        m.Dispose();
        Assert.Throws<ObjectDisposedException>(() => m.GetRow(0));
    }
}
