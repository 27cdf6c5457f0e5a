using Tango.NN.Serialization;

namespace Tango.NN.Tests.Serialization;

public sealed class SafeTensorsHeaderTests : IDisposable
{
    private static readonly string A = T("a", "F32", "2", 0, 8);
    private static readonly string B = T("b", "F32", "1", 8, 12);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, string, int, string> BadHeaders => new()
    {
        { "not json", "{\"a\": [", 0, "not valid JSON" },
        { "array", "[1, 2]", 0, "must be a JSON object" },
        { "unknown dtype", H(T("a", "Q4", "2", 0, 8)), 8, "unsupported dtype 'Q4'" },
        { "fp8 dtype", H(T("a", "F8_E4M3", "8", 0, 8)), 8, "unsupported dtype 'F8_E4M3'" },
        { "no dtype", """{"a":{"shape":[2],"data_offsets":[0,8]}}""", 8, "tensor 'a' has no string 'dtype'" },
        { "no shape", """{"a":{"dtype":"F32","data_offsets":[0,8]}}""", 8, "tensor 'a' has no array 'shape'" },
        { "negative extent", H(T("a", "F32", "-2", 0, 8)), 8, "non-negative integers" },
        { "fractional extent", H(T("a", "F32", "1.5", 0, 8)), 8, "non-negative integers" },
        { "three offsets", """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8,9]}}""", 8, "(2 of them)" },
        { "begin after end", H(T("a", "F32", "2", 8, 0)), 8, "begin ≤ end" },
        { "rank 5", H(T("a", "F32", "1,1,1,1,2", 0, 8)), 8, "rank 5" },
        { "huge shape", H(T("a", "F32", "4294967296,1", 0, 8)), 8, "more elements" },
        { "size mismatch", H(T("a", "F32", "3", 0, 8)), 8, "needs 12 bytes but its data_offsets [0, 8] span 8" },
        { "dtype size mismatch", H(T("a", "F64", "2", 0, 8)), 8, "needs 16 bytes" },
        { "overlap", H(A, T("b", "F32", "1", 4, 8)), 8, "tensor 'b' bytes [4, 8) overlap tensor 'a' bytes [0, 8)" },
        { "gap", H(A, T("b", "F32", "1", 12, 16)), 16, "bytes [8, 12) belong to no tensor" },
        { "gap at start", H(T("b", "F32", "1", 4, 8)), 8, "bytes [0, 4) belong to no tensor" },
        { "past end", H(A, B), 10, "tensor 'b' bytes [8, 12) run past the end of the data buffer (10 bytes)" },
        { "trailing bytes", H(A), 12, "the data buffer has 12 bytes but the tensors cover only 8" },
        { "duplicate", H(A, A), 8, "the name 'a' appears more than once" },
        { "bad metadata", H(A, "\"__metadata__\":{\"k\":1}"), 8, "'__metadata__' entry 'k' must be a string" },
        { "metadata not object", H(A, "\"__metadata__\":[]"), 8, "'__metadata__' must be an object" },
        { "entry not object", """{"a":5}""", 0, "tensor 'a' must be an object" },
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public void BadHeader_GivesAClearMessageNamingTheFile(string name, string header, int dataBytes, string expected)
    {
        string path = _folder.WriteRaw(name.Replace(' ', '-') + ".safetensors", header, new byte[dataBytes]);
        var ex = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(7)]
    public void FileShorterThanEightBytes_IsRejected(int length)
    {
        string path = _folder.File($"short{length}.safetensors");
        File.WriteAllBytes(path, new byte[length]);
        var ex = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path));
        Assert.Contains($"the file is {length} bytes", ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HeaderLengthBeyondTheFileOrTheBound_IsRejected()
    {
        string header = "{" + A + "}";
        string path = _folder.WriteRaw("long.safetensors", header, new byte[8], declaredLength: 1000);
        var ex = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path));
        Assert.Contains("header length 1000 runs past the end of the file", ex.Message, StringComparison.Ordinal);

        path = _folder.WriteRaw("huge.safetensors", header, new byte[8], declaredLength: 200_000_000);
        ex = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path));
        Assert.Contains("exceeds the limit of 100000000 bytes", ex.Message, StringComparison.Ordinal);

        path = _folder.WriteRaw("max.safetensors", header, new byte[8], declaredLength: ulong.MaxValue);
        Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path));
    }

    [Fact]
    public void InvalidUtf8InTheHeader_IsRejectedAsInvalidJson()
    {
        string path = _folder.WriteRaw("utf8.safetensors", "{\"\u00e9\":1}", []);
        var bytes = File.ReadAllBytes(path);
        bytes[10] = 0xFF;
        File.WriteAllBytes(path, bytes);
        var ex = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path));
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PaddedHeaderAndEmptyHeader_AreAccepted()
    {
        string path = _folder.WriteRaw("padded.safetensors", "{" + A + "}      ", BitConverter.GetBytes(1L));
        Assert.Equal([2], SafeTensors.Load(path)["a"].Shape.ToArray());
        Assert.Empty(SafeTensors.Load(_folder.WriteRaw("empty.safetensors", "{}", [])));
    }

    private static string T(string name, string dtype, string shape, long begin, long end) =>
        $"\"{name}\":{{\"dtype\":\"{dtype}\",\"shape\":[{shape}],\"data_offsets\":[{begin},{end}]}}";

    private static string H(params string[] entries) => "{" + string.Join(",", entries) + "}";
}
