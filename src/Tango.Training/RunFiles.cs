using System.Text;
using System.Text.Json;

namespace Tango.Training;

/// <summary>
/// Atomic writes of run-folder files: the content goes to a temporary file in the same folder, which is then
/// renamed over the target, so a crash never leaves a half-written config, metrics file or report.
/// </summary>
public static class RunFiles
{
    /// <summary>Writes <paramref name="text"/> as UTF-8 (no BOM) to <paramref name="path"/>, atomically.</summary>
    public static void WriteText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        WriteBytes(path, new UTF8Encoding(false).GetBytes(text));
    }

    /// <summary>Writes indented JSON produced by <paramref name="write"/>, atomically.</summary>
    public static void WriteJson(string path, Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            write(json);
        }

        buffer.WriteByte((byte)'\n');
        WriteBytes(path, buffer.ToArray());
    }

    /// <summary>Writes metrics.json: <c>{"epochs": [{"epoch", "loss", "lr", "seconds", "metrics"}...]}</c>.</summary>
    public static void WriteMetrics(string path, IReadOnlyList<EpochRecord> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        WriteJson(path, json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("epochs");
            foreach (var record in history)
            {
                JsonValues.Write(json, record);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    /// <summary>Reads a metrics.json written by <see cref="WriteMetrics"/>.</summary>
    public static IReadOnlyList<EpochRecord> ReadMetrics(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        return [.. doc.RootElement.GetProperty("epochs").EnumerateArray().Select(JsonValues.ReadRecord)];
    }

    private static void WriteBytes(string path, byte[] bytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(dir);
        string temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
