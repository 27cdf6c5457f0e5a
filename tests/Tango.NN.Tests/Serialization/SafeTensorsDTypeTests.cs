using System.Buffers.Binary;
using Tango.NN.Serialization;

namespace Tango.NN.Tests.Serialization;

public sealed class SafeTensorsDTypeTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void HandBuiltFile_EveryReadableDTypeConvertsToFloat32()
    {
        // Header written out by hand, in an order different from the data order; values chosen to be exact.
        var data = new List<byte>();
        void Add(int size, Action<byte[]> write)
        {
            var b = new byte[size];
            write(b);
            data.AddRange(b);
        }

        Add(8, b =>
        {
            BinaryPrimitives.WriteSingleLittleEndian(b, 1.5f);
            BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(4), -2f);
        });
        Add(8, b => BinaryPrimitives.WriteDoubleLittleEndian(b, 0.1));
        Add(4, b =>
        {
            BinaryPrimitives.WriteHalfLittleEndian(b, (Half)0.5f);
            BinaryPrimitives.WriteHalfLittleEndian(b.AsSpan(2), (Half)(-3f));
        });
        Add(2, b => BinaryPrimitives.WriteUInt16LittleEndian(b, 0x3FC0));                   // bf16 1.5
        Add(16, b =>
        {
            BinaryPrimitives.WriteInt64LittleEndian(b, -7);
            BinaryPrimitives.WriteInt64LittleEndian(b.AsSpan(8), 1L << 40);
        });
        Add(4, b => BinaryPrimitives.WriteInt32LittleEndian(b, -123456));
        Add(2, b => BinaryPrimitives.WriteInt16LittleEndian(b, -300));
        Add(3, b => { b[0] = 0xFF; b[1] = 0x7F; b[2] = 0x80; });                            // i8: −1, 127, −128
        Add(3, b => { b[0] = 0; b[1] = 200; b[2] = 255; });                                 // u8
        Add(2, b => { b[0] = 0; b[1] = 1; });                                               // bool
        Add(4, b => BinaryPrimitives.WriteUInt32LittleEndian(b, 4_000_000_000));
        Add(2, b => BinaryPrimitives.WriteUInt16LittleEndian(b, 65535));
        Add(8, b => BinaryPrimitives.WriteUInt64LittleEndian(b, 1UL << 63));
        const string header = """
            {"u64":{"dtype":"U64","shape":[],"data_offsets":[60,68]},
             "f32":{"dtype":"F32","shape":[2,1],"data_offsets":[0,8]},
             "f64":{"dtype":"F64","shape":[1],"data_offsets":[8,16]},
             "f16":{"dtype":"F16","shape":[2],"data_offsets":[16,20]},
             "bf16":{"dtype":"BF16","shape":[1,1,1,1],"data_offsets":[20,22]},
             "i64":{"dtype":"I64","shape":[2],"data_offsets":[22,38]},
             "i32":{"dtype":"I32","shape":[1],"data_offsets":[38,42]},
             "i16":{"dtype":"I16","shape":[1],"data_offsets":[42,44]},
             "i8":{"dtype":"I8","shape":[3],"data_offsets":[44,47]},
             "u8":{"dtype":"U8","shape":[3],"data_offsets":[47,50]},
             "bool":{"dtype":"BOOL","shape":[2],"data_offsets":[50,52]},
             "u32":{"dtype":"U32","shape":[1],"data_offsets":[52,56]},
             "u16":{"dtype":"U16","shape":[1],"data_offsets":[56,58]},
             "__metadata__":{"format":"pt"},
             "empty":{"dtype":"F32","shape":[0,3],"data_offsets":[58,58]},
             "pad":{"dtype":"U8","shape":[2],"data_offsets":[58,60]}}
            """;
        data.InsertRange(58, new byte[] { 9, 8 });
        var tensors = SafeTensors.Load(_folder.WriteRaw("dtypes.safetensors", header, [.. data]));

        Assert.Equal(["f32", "f64", "f16", "bf16", "i64", "i32", "i16", "i8", "u8", "bool", "u32", "u16", "empty",
            "pad", "u64"], tensors.Keys.ToArray());
        Assert.Equal([1.5f, -2f], tensors["f32"].ToArray());
        Assert.Equal([2, 1], tensors["f32"].Shape.ToArray());
        Assert.Equal([0.1f], tensors["f64"].ToArray());
        Assert.Equal([0.5f, -3f], tensors["f16"].ToArray());
        Assert.Equal([1.5f], tensors["bf16"].ToArray());
        Assert.Equal(4, tensors["bf16"].Rank);
        Assert.Equal([-7f, 1099511627776f], tensors["i64"].ToArray());
        Assert.Equal([-123456f], tensors["i32"].ToArray());
        Assert.Equal([-300f], tensors["i16"].ToArray());
        Assert.Equal([-1f, 127f, -128f], tensors["i8"].ToArray());
        Assert.Equal([0f, 200f, 255f], tensors["u8"].ToArray());
        Assert.Equal([0f, 1f], tensors["bool"].ToArray());
        Assert.Equal([4e9f], tensors["u32"].ToArray());
        Assert.Equal([65535f], tensors["u16"].ToArray());
        Assert.Equal([9.223372e18f], tensors["u64"].ToArray());
        Assert.Equal(0, tensors["u64"].Rank);
        Assert.Equal([0, 3], tensors["empty"].Shape.ToArray());
        Assert.Equal("pt", SafeTensors.LoadMetadata(_folder.File("dtypes.safetensors"))["format"]);
    }
}
