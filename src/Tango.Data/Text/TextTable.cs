using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Tango.Data.Text;

/// <summary>
/// The shared reading of delimited text: opening (gzip by extension or magic), choosing the format, splitting
/// records with their 1-based line numbers, and telling a header line from data.
/// </summary>
internal static class TextTable
{
    /// <summary>The format of <paramref name="path"/>: <paramref name="format"/> unless Auto, else by extension,
    /// else sniffed from the first non-blank line.</summary>
    public static TextFormat Resolve(string path, TextFormat format)
    {
        if (format != TextFormat.Auto)
        {
            return format;
        }

        string name = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
        switch (Path.GetExtension(name).ToUpperInvariant())
        {
            case ".CSV": return TextFormat.Csv;
            case ".TSV" or ".TAB": return TextFormat.Tsv;
            case ".JSONL" or ".NDJSON" or ".JSON": return TextFormat.JsonLines;
        }

        foreach (var (_, text) in Lines(path))
        {
            string t = text.TrimStart();
            return t.StartsWith('{') ? TextFormat.JsonLines
                : t.Contains('\t', StringComparison.Ordinal) ? TextFormat.Tsv
                : t.Contains(',', StringComparison.Ordinal) ? TextFormat.Csv
                : TextFormat.Whitespace;
        }

        return TextFormat.Csv;
    }

    /// <summary>The non-blank lines of a text file (gzip-decompressed when needed) with 1-based numbers.</summary>
    public static IEnumerable<(int Line, string Text)> Lines(string path)
    {
        using var reader = OpenText(path);
        int number = 0;
        for (string? line; (line = ReadLine(reader, path, number + 1)) is not null;)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return (number, line);
            }
        }
    }

    /// <summary>The records of a delimited file, split into fields, with their line numbers.</summary>
    public static IEnumerable<(int Line, string[] Fields)> Records(string path, TextFormat format)
    {
        foreach (var (line, text) in Lines(path))
        {
            yield return (line, Split(text, format, path, line));
        }
    }

    /// <summary>Splits one line: CSV with RFC 4180 quotes, TSV on tabs, whitespace on runs of blanks.</summary>
    public static string[] Split(string text, TextFormat format, string path, int line) => format switch
    {
        TextFormat.Tsv => text.Split('\t'),
        TextFormat.Whitespace => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries),
        TextFormat.Csv => SplitCsv(text, path, line),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not a delimited format."),
    };

    /// <summary>True when <paramref name="text"/> parses as an invariant-culture floating-point number.</summary>
    public static bool IsNumber(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    /// <summary>
    /// Whether the first record is a header: none of its fields is a number, and it holds a known column name or a
    /// field where the second record holds a number (the rule of Python's csv.Sniffer, reduced to numbers).
    /// </summary>
    public static bool LooksLikeHeader(string[] first, string[]? second, IEnumerable<string> knownNames)
    {
        var known = new HashSet<string>(knownNames, StringComparer.OrdinalIgnoreCase);
        if (first.Any(IsNumber))
        {
            return false;
        }

        if (first.Any(f => known.Contains(f.Trim())))
        {
            return true;
        }

        if (second is null)
        {
            return false;
        }

        for (int i = 0; i < Math.Min(first.Length, second.Length); i++)
        {
            if (!IsNumber(first[i]) && IsNumber(second[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Opens a text file, decompressing gzip (by extension or magic); a missing file names itself.</summary>
    public static StreamReader OpenText(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"File '{path}' does not exist.", path);
        }

        bool gzip = NpyFile.IsGzip(path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        return new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
    }

    private static string? ReadLine(StreamReader reader, string path, int line)
    {
        try
        {
            return reader.ReadLine();
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(path, line, $"corrupt gzip data ({e.Message}).");
        }
    }

    private static string[] SplitCsv(string text, string path, int line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        int i = 0;
        while (true)
        {
            field.Clear();
            if (i < text.Length && text[i] == '"')
            {
                i = ReadQuoted(text, i + 1, field, path, line);
            }
            else
            {
                int end = text.IndexOf(',', i);
                end = end < 0 ? text.Length : end;
                field.Append(text, i, end - i);
                i = end;
            }

            fields.Add(field.ToString());
            if (i >= text.Length)
            {
                return [.. fields];
            }

            i++; // the comma
        }
    }

    // Reads a quoted field starting after its opening quote; returns the index after the closing quote.
    private static int ReadQuoted(string text, int i, StringBuilder field, string path, int line)
    {
        while (i < text.Length)
        {
            if (text[i] != '"')
            {
                field.Append(text[i++]);
            }
            else if (i + 1 < text.Length && text[i + 1] == '"')
            {
                field.Append('"');
                i += 2;
            }
            else
            {
                i++;
                if (i < text.Length && text[i] != ',')
                {
                    throw new DataFormatException(path, line,
                        $"column {i + 1}: expected a comma after a closing quote, found '{text[i]}'.");
                }

                return i;
            }
        }

        throw new DataFormatException(path, line, "unterminated quoted field (a quoted value must close on its " +
                                                  "own line).");
    }
}
