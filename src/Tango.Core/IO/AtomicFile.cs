namespace Tango.Core.IO;

/// <summary>
/// A file written under a temporary name in the target folder and renamed over the target on
/// <see cref="Commit"/>, so a crash or an exception never leaves a half-written file behind. Disposing without
/// committing deletes the temporary file.
/// </summary>
internal sealed class AtomicFile : IDisposable
{
    private readonly string _target;
    private readonly string _temp;
    private bool _committed;

    private AtomicFile(string target)
    {
        _target = target;
        string dir = Path.GetDirectoryName(target) ?? ".";
        _temp = Path.Combine(dir, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        Stream = new FileStream(_temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
    }

    /// <summary>The temporary file's stream.</summary>
    public FileStream Stream { get; }

    public static AtomicFile Create(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new AtomicFile(Path.GetFullPath(path));
    }

    /// <summary>Flushes to disk, closes and renames the temporary file over the target.</summary>
    public void Commit()
    {
        Stream.Flush(flushToDisk: true);
        Stream.Dispose();
        File.Move(_temp, _target, overwrite: true);
        _committed = true;
    }

    public void Dispose()
    {
        if (!_committed)
        {
            Stream.Dispose();
            File.Delete(_temp);
        }
    }
}
