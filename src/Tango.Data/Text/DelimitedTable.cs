using System.Globalization;

namespace Tango.Data.Text;

/// <summary>A CSV/TSV/whitespace file read into records, with its header (if any) told apart from the data.</summary>
internal sealed class DelimitedTable
{
    private DelimitedTable(string path, string[]? header, List<(int Line, string[] Fields)> rows)
    {
        Path = path;
        Header = header;
        Rows = rows;
    }

    public string Path { get; }

    public string[]? Header { get; }

    public List<(int Line, string[] Fields)> Rows { get; }

    /// <summary>Reads the file; <paramref name="hasHeader"/> null detects a header (see TextTable.LooksLikeHeader).
    /// </summary>
    public static DelimitedTable Read(string path, TextFormat format, bool? hasHeader, IEnumerable<string> known)
    {
        var rows = TextTable.Records(path, format)
            .Select(r => (r.Line, Array.ConvertAll(r.Fields, f => f.Trim())))
            .ToList();
        bool header = rows.Count > 0 && (hasHeader ?? TextTable.LooksLikeHeader(rows[0].Item2,
            rows.Count > 1 ? rows[1].Item2 : null, known));
        string[]? names = header ? rows[0].Item2 : null;
        if (header)
        {
            rows.RemoveAt(0);
        }

        return new DelimitedTable(path, names, rows);
    }

    /// <summary>The index of the column named <paramref name="name"/>; throws listing the header otherwise.</summary>
    public int Column(string name)
    {
        if (Header is null)
        {
            throw new DataFormatException(Path, 1, $"expected a header line naming the column '{name}', found " +
                                                   "data (or set the column by its number instead).");
        }

        int c = Array.FindIndex(Header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        return c >= 0 ? c : throw new DataFormatException(Path, 1,
            $"no column named '{name}'; the header has {string.Join(", ", Header.Select(h => $"'{h}'"))}.");
    }

    /// <summary>The first header column among <paramref name="names"/>, or −1.</summary>
    public int FindColumn(IEnumerable<string> names)
    {
        if (Header is null)
        {
            return -1;
        }

        foreach (string name in names)
        {
            int c = Array.FindIndex(Header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
            if (c >= 0)
            {
                return c;
            }
        }

        return -1;
    }

    /// <summary>The width of the first record (header or data); 0 for an empty file.</summary>
    public int Width => Header?.Length ?? (Rows.Count > 0 ? Rows[0].Fields.Length : 0);

    /// <summary>Field <paramref name="column"/> of a record; a short record throws naming its line.</summary>
    public static string Field((int Line, string[] Fields) row, int column, string path, string what)
    {
        if (column >= row.Fields.Length)
        {
            throw new DataFormatException(path, row.Line, $"expected {what} in column {column + 1}, but the line " +
                                                          $"has only {row.Fields.Length} column(s).");
        }

        string value = row.Fields[column];
        return value.Length > 0 ? value : throw new DataFormatException(path, row.Line,
            $"expected {what} in column {column + 1}, found an empty field.");
    }

    /// <summary>A finite number in a field; anything else throws naming the line and column.</summary>
    public static float Number((int Line, string[] Fields) row, int column, string path, string what)
    {
        string text = Field(row, column, path, what);
        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float v) || !float.IsFinite(v))
        {
            throw new DataFormatException(path, row.Line, $"expected {what} (a finite number) in column " +
                                                          $"{column + 1}, found '{text}'.");
        }

        return v;
    }
}
