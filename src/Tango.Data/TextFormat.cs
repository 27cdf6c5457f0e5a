namespace Tango.Data;

/// <summary>The layout of a text data file.</summary>
public enum TextFormat
{
    /// <summary>Decide from the extension (ignoring a trailing <c>.gz</c>): <c>.csv</c>, <c>.tsv</c>/<c>.tab</c>,
    /// <c>.jsonl</c>/<c>.ndjson</c>/<c>.json</c>; other names are sniffed from the first line.</summary>
    Auto,

    /// <summary>Comma-separated values (RFC 4180 quoting; one record per line).</summary>
    Csv,

    /// <summary>Tab-separated values.</summary>
    Tsv,

    /// <summary>Fields separated by runs of spaces or tabs (TREC qrels, plain text tables).</summary>
    Whitespace,

    /// <summary>JSON Lines: one JSON object per line.</summary>
    JsonLines,
}
