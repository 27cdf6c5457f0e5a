using System.Buffers.Binary;
using Tango.Core;
using Tango.NN.Serialization;

namespace Tango.NN.Tests.Serialization;

public sealed class SafeTensorsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void RoundTrip_IsBitExact_IncludingSpecialValuesAndEveryRank()
    {
        float payloadNaN = BitConverter.Int32BitsToSingle(0x7FC01234);
        var special = Tensor.FromArray([float.NaN, payloadNaN, -0f, float.PositiveInfinity, float.NegativeInfinity,
            float.Epsilon, float.MaxValue, 1f / 3], 2, 4);
        var tensors = new Dictionary<string, Tensor>
        {
            ["special"] = special,
            ["scalar"] = Tensor.Scalar(42.5f),
            ["rank4"] = SeededCases.Normal(1, 2, 3, 1, 5),
            ["empty"] = Tensor.Zeros(0, 3),
            ["layers.0.weight"] = SeededCases.Normal(2, 7),
        };
        string path = _folder.File("model.safetensors");
        SafeTensors.Save(path, tensors, new Dictionary<string, string> { ["format"] = "pt", ["note"] = "ünïcødé" });

        var loaded = SafeTensors.Load(path);
        Assert.Equal(tensors.Keys.Order(StringComparer.Ordinal), loaded.Keys);
        foreach (var (name, t) in tensors)
        {
            Assert.Equal(t.Shape.ToArray(), loaded[name].Shape.ToArray());
            Assert.Equal(t.ToArray().Select(BitConverter.SingleToInt32Bits),
                loaded[name].ToArray().Select(BitConverter.SingleToInt32Bits));
        }

        var metadata = SafeTensors.LoadMetadata(path);
        Assert.Equal("ünïcødé", metadata["note"]);
        Assert.Equal("pt", metadata["format"]);
    }

    [Fact]
    public void Save_WritesTheSpecsLayout()
    {
        string path = _folder.File("layout.safetensors");
        SafeTensors.Save(path,
            new Dictionary<string, Tensor> { ["b"] = Tensor.FromArray([2f]), ["a"] = Tensor.FromArray([1f, 0.5f]) });
        var bytes = File.ReadAllBytes(path);
        long n = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0, n % 8);
        string header = System.Text.Encoding.UTF8.GetString(bytes, 8, (int)n).TrimEnd(' ');
        const string expected = """
            {"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},
            "b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}
            """;
        Assert.Equal(expected.Replace("\n", "", StringComparison.Ordinal), header);
        Assert.Equal(8 + n + 12, bytes.Length);
        Assert.Equal(0.5f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan((int)(8 + n + 4))));
    }

    [Fact]
    public void FailedSave_LeavesNoTemporaryFile_AndOverwriteReplacesAtomically()
    {
        string target = _folder.File("taken");
        Directory.CreateDirectory(target);
        var tensors = new Dictionary<string, Tensor> { ["w"] = SeededCases.Normal(1, 3) };
        Assert.ThrowsAny<IOException>(() => SafeTensors.Save(target, tensors));
        Assert.Equal([target], Directory.GetFileSystemEntries(_folder.Path));

        string path = _folder.File("w.safetensors");
        SafeTensors.Save(path, tensors);
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["w"] = Tensor.FromArray([9f]) });
        Assert.Equal([9f], SafeTensors.Load(path)["w"].ToArray());
        Assert.Equal(2, Directory.GetFileSystemEntries(_folder.Path).Length);
    }

    [Fact]
    public void Save_RejectsReservedOrDisposedEntries_BeforeTouchingTheDisk()
    {
        string path = _folder.File("bad.safetensors");
        Assert.Throws<ArgumentException>(() =>
            SafeTensors.Save(path, new Dictionary<string, Tensor> { ["__metadata__"] = Tensor.Zeros(1) }));
        var disposed = Tensor.Zeros(2);
        disposed.Dispose();
        Assert.Throws<ArgumentException>(() =>
            SafeTensors.Save(path, new Dictionary<string, Tensor> { ["d"] = disposed }));
        Assert.Empty(Directory.GetFileSystemEntries(_folder.Path));
    }

    [Fact]
    public void ModuleRoundTrip_RestoresParametersAndBuffers()
    {
        var source = Model(seed: 1);
        source.Forward(SeededCases.Normal(3, 8, 4));
        string path = _folder.File("mlp.safetensors");
        SafeTensors.Save(path, source);

        var target = Model(seed: 2);
        var result = SafeTensors.LoadInto(target, path);
        Assert.Empty(result.MissingKeys);
        Assert.Empty(result.UnexpectedKeys);
        foreach (var (name, t) in source.StateDict())
        {
            Assert.Equal(t.ToArray(), target.StateDict()[name].ToArray());
        }

        source.Eval();
        target.Eval();
        var x = SeededCases.Normal(4, 2, 4);
        Assert.Equal(source.Forward(x).ToArray(), target.Forward(x).ToArray());
    }

    [Fact]
    public void LoadInto_ReportsMissingAndUnexpectedKeys_StrictOrNot()
    {
        string path = _folder.File("partial.safetensors");
        var source = Model(seed: 1);
        var state = source.StateDict().Where(kv => kv.Key != "0.bias").ToDictionary();
        state["extra"] = Tensor.Zeros(2);
        SafeTensors.Save(path, state);

        var target = Model(seed: 2);
        var before = target.StateDict()["0.weight"].ToArray();
        var ex = Assert.Throws<InvalidDataException>(() => SafeTensors.LoadInto(target, path));
        Assert.Contains("missing keys '0.bias'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("unexpected keys 'extra'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, target.StateDict()["0.weight"].ToArray());

        var result = SafeTensors.LoadInto(target, path, strict: false);
        Assert.Equal(["0.bias"], result.MissingKeys);
        Assert.Equal(["extra"], result.UnexpectedKeys);
        Assert.Equal(source.StateDict()["0.weight"].ToArray(), target.StateDict()["0.weight"].ToArray());
    }

    [Fact]
    public void LoadInto_ShapeMismatchAlwaysThrows_AndCopiesNothing()
    {
        string path = _folder.File("wide.safetensors");
        var state = Model(seed: 1).StateDict().ToDictionary();
        state["0.weight"] = Tensor.Zeros(4, 5);
        SafeTensors.Save(path, state);
        var target = Model(seed: 2);
        var bias = target.StateDict()["0.bias"].ToArray();
        var ex = Assert.Throws<InvalidDataException>(() => SafeTensors.LoadInto(target, path, strict: false));
        Assert.Contains("shape mismatch for '0.weight': file has (4, 5), module has (5, 4)", ex.Message,
            StringComparison.Ordinal);
        Assert.Equal(bias, target.StateDict()["0.bias"].ToArray());
    }

    [Fact]
    public void MissingFile_ThrowsFileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => SafeTensors.Load(_folder.File("nope.safetensors")));

    private static Sequential Model(ulong seed)
    {
        var rng = new Rng(seed);
        var model = new Sequential(new Linear(4, 5, rng: rng), new BatchNorm1d(5), new Relu(),
            new Linear(5, 2, rng: rng));
        Init.Normal(((BatchNorm1d)model[1]).Weight!, rng, 1f, 0.1f);
        return model;
    }
}
