using System.IO.MemoryMappedFiles;

namespace Tango.Core.IO;

/// <summary>
/// A read-only, memory-mapped view of a 2-D float32 C-order <c>.npy</c> file: rows are read straight from the
/// operating system's page cache, so a corpus larger than comfortably fits in memory is never copied. Spans
/// returned by <see cref="GetRows"/> are valid until the matrix is disposed; reading through them afterwards is
/// undefined, so every accessor checks for disposal first.
/// </summary>
public sealed unsafe class MappedFloatMatrix : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly float* _data;
    private bool _disposed;

    private MappedFloatMatrix(string path, MemoryMappedFile file, MemoryMappedViewAccessor view, long dataOffset,
        int rows, int columns)
    {
        FilePath = path;
        _file = file;
        _view = view;
        Rows = rows;
        Columns = columns;
        byte* start = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
        _data = (float*)(start + view.PointerOffset + dataOffset);
    }

    /// <summary>The file this view maps.</summary>
    public string FilePath { get; }

    /// <summary>The number of rows (vectors).</summary>
    public int Rows { get; }

    /// <summary>The number of columns (the dimension).</summary>
    public int Columns { get; }

    /// <summary>Maps <paramref name="path"/>, which must hold a 2-D little-endian float32 array in C order.</summary>
    public static MappedFloatMatrix Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var header = Npy.ReadHeader(path);
        long fileLength = new FileInfo(path).Length;
        Npy.RequireReadable(header, fileLength, path);
        if (header.DType != NpyDType.Float32 || header.IsBigEndian || header.Shape.Length != 2)
        {
            throw new NpyFormatException(path,
                $"a memory-mapped matrix needs a 2-D little-endian float32 array; the file holds " +
                $"{(header.IsBigEndian ? "big-endian " : "")}{header.DType} of shape {Shapes.Format(header.Shape)}.");
        }

        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        try
        {
            var view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            return new MappedFloatMatrix(path, file, view, header.DataOffset, header.Shape[0], header.Shape[1]);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Rows [start, start + count) as one contiguous span of count × Columns floats.</summary>
    public ReadOnlySpan<float> GetRows(int start, int count)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (start < 0 || count < 0 || start > Rows - count)
        {
            throw new ArgumentOutOfRangeException(nameof(start),
                $"Rows [{start}, {(long)start + count}) are outside the {Rows} rows of '{FilePath}'.");
        }

        long length = (long)count * Columns;
        if (length > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(count),
                $"{count} rows of {Columns} floats exceed one span; read fewer rows at a time.");
        }

        return new ReadOnlySpan<float>(_data + (long)start * Columns, (int)length);
    }

    /// <summary>One row of <see cref="Columns"/> floats.</summary>
    public ReadOnlySpan<float> GetRow(int row) => GetRows(row, 1);

    /// <summary>Unmaps the file.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }
}
