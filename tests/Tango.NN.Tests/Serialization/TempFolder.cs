using System.Buffers.Binary;
using System.Text;

namespace Tango.NN.Tests.Serialization;

/// <summary>A fresh folder per test, deleted afterwards, with a helper that writes raw safetensors bytes.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        string name = "tango-nn-tests-" + Guid.NewGuid().ToString("N");
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), name);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes [8-byte header length][header][data]; the declared length defaults to the header's.</summary>
    public string WriteRaw(string name, string header, byte[] data, ulong? declaredLength = null)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, declaredLength ?? (ulong)json.Length);
        json.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + json.Length);
        string path = File(name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
