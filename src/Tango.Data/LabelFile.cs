using Tango.Core.IO;
using Tango.Data.Text;

namespace Tango.Data;

/// <summary>
/// Reads class labels, one per row, from a NumPy array (<c>.npy</c>/<c>.npy.gz</c>, 1-D or (n, 1), integers or
/// whole floats), a CSV/TSV file (header optional; the label column chosen by name or number) or a JSONL file (a
/// named field). Labels of any text become dense integers with the mapping kept (<see cref="LabelSet"/>).
/// </summary>
public static class LabelFile
{
    internal static readonly string[] KnownNames = ["label", "labels", "class", "y", "target"];

    /// <summary>Reads the labels of <paramref name="path"/>.</summary>
    /// <exception cref="DataFormatException">A text file whose label column or field is missing.</exception>
    /// <exception cref="NpyFormatException">A NumPy file that is unreadable or not integer labels.</exception>
    public static LabelSet Read(string path, LabelFileOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new LabelFileOptions();
        if (IsNpy(path))
        {
            return ReadNpy(path);
        }

        var format = TextTable.Resolve(path, options.Format);
        return format == TextFormat.JsonLines ? ReadJson(path, options) : ReadDelimited(path, format, options);
    }

    private static bool IsNpy(string path)
    {
        string name = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
        return name.EndsWith(".npy", StringComparison.OrdinalIgnoreCase);
    }

    private static LabelSet ReadNpy(string path)
    {
        var array = NpyFile.Read(path);
        var shape = array.Shape;
        if (shape.Length is not (1 or 2) || shape.Length == 2 && shape[1] != 1)
        {
            throw new NpyFormatException(path, $"expected labels of shape (n,) or (n, 1), found shape " +
                                               $"{Core.Shapes.Format(shape)}.");
        }

        try
        {
            return LabelSet.Encode(array.ToInt64());
        }
        catch (InvalidOperationException e)
        {
            throw new NpyFormatException(path, $"labels must be integers: {e.Message}");
        }
    }

    private static LabelSet ReadJson(string path, LabelFileOptions options)
    {
        var raw = new List<string>();
        string? field = options.Column;
        foreach (var (line, obj) in JsonLines.Objects(path))
        {
            field ??= JsonLines.FindField(obj, KnownNames) ?? throw new DataFormatException(path, line,
                $"no label field; expected one of {string.Join(", ", KnownNames)} (or name it).");
            if (!obj.TryGetProperty(field, out var value))
            {
                throw new DataFormatException(path, line, $"missing the label field '{field}'.");
            }

            raw.Add(JsonLines.Text(value, path, line, field));
        }

        return LabelSet.Encode(raw);
    }

    private static LabelSet ReadDelimited(string path, TextFormat format, LabelFileOptions options)
    {
        bool? hasHeader = options.Column is not null ? true : options.HasHeader;
        var table = DelimitedTable.Read(path, format, hasHeader, KnownNames);
        int column = LabelColumn(table, options);
        var raw = new List<string>(table.Rows.Count);
        foreach (var row in table.Rows)
        {
            int c = column >= 0 ? column : row.Fields.Length + column;
            if (c < 0)
            {
                throw new DataFormatException(path, row.Line, $"label column {column} (counted from the end) is " +
                                                              $"outside the line's {row.Fields.Length} column(s).");
            }

            raw.Add(DelimitedTable.Field(row, c, path, "a label"));
        }

        return LabelSet.Encode(raw);
    }

    private static int LabelColumn(DelimitedTable table, LabelFileOptions options)
    {
        if (options.Column is not null)
        {
            return table.Column(options.Column);
        }

        if (options.ColumnIndex is int index)
        {
            return index;
        }

        int named = table.FindColumn(KnownNames);
        if (named >= 0 || table.Width <= 1)
        {
            return Math.Max(named, 0);
        }

        throw new DataFormatException(table.Path, 1, $"the file has {table.Width} columns and none is named " +
                                                     $"{string.Join("/", KnownNames)}; choose the label column by " +
                                                     "name or number.");
    }
}
