namespace Tango.Data;

/// <summary>How <see cref="PairFile"/> finds the two items and the score in a file.</summary>
public sealed record PairFileOptions
{
    /// <summary>The file's layout; Auto decides from the extension, then from the first line.</summary>
    public TextFormat Format { get; init; } = TextFormat.Auto;

    /// <summary>Whether a CSV/TSV file starts with a header line; null detects it.</summary>
    public bool? HasHeader { get; init; }

    /// <summary>The first item's column (header name) or JSONL field; null: a, anchor, query, text1, sentence1,
    /// id1 or left, else column 1.</summary>
    public string? First { get; init; }

    /// <summary>The second item's column or field; null: b, positive, document, doc, text2, sentence2, id2 or
    /// right, else column 2.</summary>
    public string? Second { get; init; }

    /// <summary>The score column or field; null: score, label or similarity, else column 3 when present; a file
    /// without one gives every pair the score 1.</summary>
    public string? Score { get; init; }
}
