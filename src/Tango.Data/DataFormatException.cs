namespace Tango.Data;

/// <summary>
/// A CSV, TSV or JSONL file that Tango cannot read: a missing column, a value that is not a number, malformed JSON,
/// a duplicate entry. The message names the file, the 1-based line (when there is one) and what was expected.
/// </summary>
public sealed class DataFormatException : IOException
{
    /// <summary>Creates the exception for <paramref name="filePath"/> at <paramref name="line"/> (0: no line).
    /// </summary>
    public DataFormatException(string filePath, int line, string problem)
        : base(line > 0 ? $"File '{filePath}', line {line}: {problem}" : $"File '{filePath}': {problem}")
    {
        FilePath = filePath;
        Line = line;
    }

    /// <summary>Required by the exception pattern; prefer the (file, line, problem) constructor.</summary>
    public DataFormatException()
    {
        FilePath = string.Empty;
    }

    /// <summary>Required by the exception pattern; prefer the (file, line, problem) constructor.</summary>
    public DataFormatException(string message)
        : base(message)
    {
        FilePath = string.Empty;
    }

    /// <summary>Required by the exception pattern; prefer the (file, line, problem) constructor.</summary>
    public DataFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        FilePath = string.Empty;
    }

    /// <summary>The file that could not be read.</summary>
    public string FilePath { get; }

    /// <summary>The 1-based line of the problem; 0 when it concerns the whole file.</summary>
    public int Line { get; }
}
