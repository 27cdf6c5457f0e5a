using Tango.Core.IO;

namespace Tango.Mining;

/// <summary>
/// A read-only (rows, columns) float32 matrix for mining: either an in-memory row-major array or a memory-mapped
/// <c>.npy</c> (<see cref="MappedFloatMatrix"/>), which is read straight from the page cache and never copied.
/// The miner reads whole blocks for search and single rows to rescore candidates.
/// </summary>
public sealed class VectorRows
{
    private readonly float[]? _data;
    private readonly MappedFloatMatrix? _mapped;

    private VectorRows(float[]? data, MappedFloatMatrix? mapped, int rows, int columns, string name)
    {
        _data = data;
        _mapped = mapped;
        Rows = rows;
        Columns = columns;
        Name = name;
    }

    /// <summary>The number of rows (vectors).</summary>
    public int Rows { get; }

    /// <summary>The number of columns (the embedding dimension).</summary>
    public int Columns { get; }

    /// <summary>What error messages call this matrix: its file path, or the name given.</summary>
    public string Name { get; }

    /// <summary>The mapped file behind these rows, or null for an in-memory array.</summary>
    public MappedFloatMatrix? Mapped => _mapped;

    /// <summary>Wraps (rows, columns) row-major <paramref name="data"/> (not copied).</summary>
    public static VectorRows FromArray(float[] data, int rows, int columns, string name = "array")
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (data.LongLength != (long)rows * columns)
        {
            throw new ArgumentException(
                $"{name}: {rows} rows × {columns} columns need {(long)rows * columns} values; got {data.Length}.",
                nameof(data));
        }

        return new VectorRows(data, null, rows, columns, name);
    }

    /// <summary>Wraps a memory-mapped matrix; the caller keeps it open while the rows are used.</summary>
    public static VectorRows FromMapped(MappedFloatMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return new VectorRows(null, matrix, matrix.Rows, matrix.Columns, matrix.FilePath);
    }

    /// <summary>Rows [start, start + count) as one span of count × <see cref="Columns"/> floats.</summary>
    public ReadOnlySpan<float> GetRows(int start, int count) => _mapped is not null
        ? _mapped.GetRows(start, count)
        : _data.AsSpan(checked(start * Columns), checked(count * Columns));

    /// <summary>One row.</summary>
    public ReadOnlySpan<float> Row(int row) => _mapped is not null
        ? _mapped.GetRow(row)
        : _data.AsSpan((int)((long)row * Columns), Columns);
}
