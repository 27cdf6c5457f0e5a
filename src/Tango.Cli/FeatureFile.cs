using System.Globalization;
using Tango.Core;
using Tango.Data;

namespace Tango.Cli;

/// <summary>
/// Reads a feature matrix: NumPy <c>.npy</c>/<c>.npy.gz</c> (any numeric dtype; k-D arrays are flattened per row)
/// or delimited text (<c>.csv</c>, <c>.tsv</c>, <c>.txt</c>; comma, tab or semicolon; an optional header row; a
/// named column can be left out, e.g. the label column of the same file). Every value must be a finite number;
/// errors name the file, line and column.
/// </summary>
internal static class FeatureFile
{
    public static Tensor Read(string path, string? skipColumn = null)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Feature file '{path}' does not exist.", path);
        }

        var matrix = IsNpy(path) ? NpyFile.ReadMatrix(path) : ReadText(path, skipColumn);
        int bad = matrix.Span.IndexOfAnyExceptInRange(float.MinValue, float.MaxValue);
        if (bad >= 0)
        {
            int cols = Math.Max(1, matrix.Dim(1));
            throw new InvalidDataException($"Feature file '{path}': row {bad / cols}, column {bad % cols} is " +
                $"{matrix.Span[bad]}; features must be finite numbers.");
        }

        if (matrix.Dim(0) == 0)
        {
            throw new InvalidDataException($"Feature file '{path}' has no rows.");
        }

        return matrix;
    }

    public static bool IsNpy(string path)
    {
        string name = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
        return name.EndsWith(".npy", StringComparison.OrdinalIgnoreCase);
    }

    private static Tensor ReadText(string path, string? skipColumn)
    {
        var lines = File.ReadAllLines(path);
        char sep = Separator(path, lines);
        var values = new List<float>();
        int cols = -1, skip = -1, rows = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = sep == ' ' ? line.Split(' ', StringSplitOptions.RemoveEmptyEntries) : line.Split(sep);
            if (cols < 0)
            {
                cols = fields.Length;
                if (!float.TryParse(fields[0].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                    || skipColumn is not null && fields.Any(f => f.Trim().Trim('"') == skipColumn))
                {
                    skip = skipColumn is null ? -1 : Array.FindIndex(fields, f => f.Trim().Trim('"') == skipColumn);
                    if (skipColumn is not null && skip < 0)
                    {
                        throw new InvalidDataException($"Feature file '{path}': the header has no column " +
                            $"'{skipColumn}'.");
                    }

                    continue; // a header row
                }
            }

            if (fields.Length != cols)
            {
                throw new InvalidDataException($"Feature file '{path}', line {i + 1}: {fields.Length} fields; " +
                    $"expected {cols} like the first row.");
            }

            for (int j = 0; j < fields.Length; j++)
            {
                if (j == skip)
                {
                    continue;
                }

                string f = fields[j].Trim().Trim('"');
                if (!float.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out float v))
                {
                    throw new InvalidDataException($"Feature file '{path}', line {i + 1}, column {j + 1}: '{f}' is " +
                        "not a number.");
                }

                values.Add(v);
            }

            rows++;
        }

        int width = cols - (skip >= 0 ? 1 : 0);
        return rows == 0 ? Tensor.Zeros(0, Math.Max(0, width)) : Tensor.FromArray(values.ToArray(), rows, width);
    }

    private static char Separator(string path, string[] lines)
    {
        if (path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase))
        {
            return '\t';
        }

        string first = lines.FirstOrDefault(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')) ?? "";
        return first.Contains('\t', StringComparison.Ordinal) ? '\t'
            : first.Contains(',', StringComparison.Ordinal) ? ','
            : first.Contains(';', StringComparison.Ordinal) ? ';' : ' ';
    }
}
