namespace Tango.Data;

/// <summary>How <see cref="LabelFile"/> finds the labels in a text file.</summary>
public sealed record LabelFileOptions
{
    /// <summary>The file's layout; Auto decides from the extension, then from the first line.</summary>
    public TextFormat Format { get; init; } = TextFormat.Auto;

    /// <summary>
    /// The label column's header name (CSV/TSV, which then must have a header) or the JSONL field. Null: a column or
    /// field named label, labels, class, y or target; a file with a single column uses that column.
    /// </summary>
    public string? Column { get; init; }

    /// <summary>The 0-based label column of a CSV/TSV file (negative counts from the end: −1 is the last).</summary>
    public int? ColumnIndex { get; init; }

    /// <summary>Whether a CSV/TSV file starts with a header line; null detects it.</summary>
    public bool? HasHeader { get; init; }
}
