using System.Collections;
using System.Globalization;
using Tango.Data;

namespace Tango.Mining;

/// <summary>
/// The ids of the rows of an embedding matrix: read from a file with one id per line (line i names row i), or the
/// row numbers "0", "1", … when no file is given. Looks ids up in O(1).
/// </summary>
public sealed class IdIndex : IReadOnlyList<string>
{
    private readonly string[]? _ids;
    private readonly Dictionary<string, int>? _rows;

    private IdIndex(string[]? ids, Dictionary<string, int>? rows, int count, string source)
    {
        _ids = ids;
        _rows = rows;
        Count = count;
        Source = source;
    }

    /// <summary>The number of rows.</summary>
    public int Count { get; }

    /// <summary>Where the ids come from, for messages: the file, or "row numbers of …".</summary>
    public string Source { get; }

    /// <summary>The id of row <paramref name="row"/>.</summary>
    public string this[int row] => _ids is not null ? _ids[row]
        : (uint)row < (uint)Count ? row.ToString(CultureInfo.InvariantCulture)
        : throw new ArgumentOutOfRangeException(nameof(row), row, $"{Count} rows.");

    /// <summary>Row numbers 0 … count − 1 as ids, for a matrix named <paramref name="matrix"/>.</summary>
    public static IdIndex RowNumbers(int count, string matrix) =>
        new(null, null, count, $"the row numbers 0..{count - 1} of '{matrix}'");

    /// <summary>
    /// Reads one id per line (surrounding blanks trimmed; a trailing empty line is allowed). An empty id, a repeated
    /// id or a line count different from <paramref name="expectedRows"/> is a <see cref="DataFormatException"/>.
    /// </summary>
    public static IdIndex Read(string path, int expectedRows, string matrix)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var lines = File.ReadAllLines(path);
        int n = lines.Length > 0 && lines[^1].Trim().Length == 0 ? lines.Length - 1 : lines.Length;
        var rows = new Dictionary<string, int>(n, StringComparer.Ordinal);
        var ids = new string[n];
        for (int i = 0; i < n; i++)
        {
            ids[i] = lines[i].Trim();
            if (ids[i].Length == 0)
            {
                throw new DataFormatException(path, i + 1, "empty id; expected one id per line.");
            }

            if (!rows.TryAdd(ids[i], i))
            {
                throw new DataFormatException(path, i + 1, $"id '{ids[i]}' already named row {rows[ids[i]]} " +
                                                           $"(line {rows[ids[i]] + 1}); ids must be unique.");
            }
        }

        if (n != expectedRows)
        {
            throw new DataFormatException(path, 0, $"{n} ids for the {expectedRows} rows of '{matrix}'; expected " +
                                                   "one id per row.");
        }

        return new IdIndex(ids, rows, n, $"'{path}'");
    }

    /// <summary>The row of <paramref name="id"/>, if known.</summary>
    public bool TryGetRow(string id, out int row)
    {
        if (_rows is not null)
        {
            return _rows.TryGetValue(id, out row);
        }

        return int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out row) && row < Count &&
               row.ToString(CultureInfo.InvariantCulture) == id;
    }

    /// <inheritdoc />
    public IEnumerator<string> GetEnumerator()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
