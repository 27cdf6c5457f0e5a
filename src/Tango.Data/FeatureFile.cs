using Tango.Core;
using Tango.Data.Text;

namespace Tango.Data;

/// <summary>
/// Reads a feature matrix (rows of numbers) from a NumPy file (<c>.npy</c>/<c>.npy.gz</c>; a k-D array is read as
/// (shape[0], product of the rest), see <see cref="NpyFile.ReadMatrix"/>) or from a CSV/TSV/whitespace table of
/// numbers (header optional), optionally leaving out one column (the labels).
/// </summary>
public static class FeatureFile
{
    /// <summary>Reads every column of <paramref name="path"/> as float32 features, (rows, cols).</summary>
    public static Tensor Read(string path, TextFormat format = TextFormat.Auto) => Read(path, format, skip: null);

    /// <summary>
    /// Reads a table with its features and its labels in one file: the label column is found as
    /// <see cref="LabelFile"/> finds it, and all other columns are the features.
    /// </summary>
    public static LabeledDataset ReadLabeledTable(string path, LabelFileOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new LabelFileOptions { ColumnIndex = -1 };
        var format = TextTable.Resolve(path, options.Format);
        if (format == TextFormat.JsonLines)
        {
            throw new DataFormatException(path, 0, "a labelled feature table must be CSV, TSV or whitespace-" +
                                                   "separated, not JSON Lines.");
        }

        var table = DelimitedTable.Read(path, format, options.Column is not null ? true : options.HasHeader,
            LabelFile.KnownNames);
        int width = table.Width;
        int column = options.Column is not null ? table.Column(options.Column)
            : options.ColumnIndex is int i ? (i < 0 ? width + i : i)
            : table.FindColumn(LabelFile.KnownNames) is var named and >= 0 ? named : width - 1;
        if (column < 0 || column >= width)
        {
            throw new DataFormatException(path, 1, $"the label column is outside the table's {width} column(s).");
        }

        var labels = LabelSet.Encode(table.Rows.Select(r => DelimitedTable.Field(r, column, path, "a label")).ToList());
        var x = Numbers(table, column);
        return new LabeledDataset(Path.GetFileName(path), x.ToArray(), x.Dim(0), x.Dim(1), labels.Labels,
            labels.ClassNames);
    }

    private static Tensor Read(string path, TextFormat format, int? skip)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string name = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
        if (name.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
        {
            return NpyFile.ReadMatrix(path);
        }

        var resolved = TextTable.Resolve(path, format);
        if (resolved == TextFormat.JsonLines)
        {
            throw new DataFormatException(path, 0, "features must be a .npy file or a CSV/TSV table, not JSON Lines.");
        }

        return Numbers(DelimitedTable.Read(path, resolved, null, []), skip ?? -1);
    }

    // Every column but `skip` (−1: none) as numbers; every row must have the first row's width.
    private static Tensor Numbers(DelimitedTable table, int skip)
    {
        int width = table.Width;
        int cols = skip >= 0 && skip < width ? width - 1 : width;
        if (table.Rows.Count == 0 || cols == 0)
        {
            throw new DataFormatException(table.Path, 0, "expected at least one row with at least one feature " +
                                                         "column.");
        }

        var x = new float[(long)table.Rows.Count * cols];
        int at = 0;
        foreach (var row in table.Rows)
        {
            if (row.Fields.Length != width)
            {
                throw new DataFormatException(table.Path, row.Line, $"expected {width} columns like the first " +
                                                                    $"row, found {row.Fields.Length}.");
            }

            for (int j = 0; j < width; j++)
            {
                if (j != skip)
                {
                    x[at++] = DelimitedTable.Number(row, j, table.Path, "a feature");
                }
            }
        }

        return Tensor.FromArray(x, table.Rows.Count, cols);
    }
}
