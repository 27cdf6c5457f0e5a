namespace Tango.Data;

/// <summary>How <see cref="JudgementFile"/> finds queries, items and grades in a file.</summary>
public sealed record JudgementFileOptions
{
    /// <summary>The file's layout; Auto decides from the extension, then from the first line (a line with neither
    /// tab nor comma reads as whitespace-separated, like TREC qrels).</summary>
    public TextFormat Format { get; init; } = TextFormat.Auto;

    /// <summary>Whether a CSV/TSV file starts with a header line; null detects it.</summary>
    public bool? HasHeader { get; init; }

    /// <summary>The query id's column (header name) or JSONL field; null: query-id, query_id, qid, query or
    /// queryid, else column 1.</summary>
    public string? Query { get; init; }

    /// <summary>The item id's column or field; null: corpus-id, corpus_id, doc-id, doc_id, docid, docno, doc or
    /// document, else column 2 (column 3 of a 4-column TREC qrels line).</summary>
    public string? Doc { get; init; }

    /// <summary>The grade's column or field; null: score, grade, relevance, rel or label, else column 3 when
    /// present (column 4 of TREC qrels); without one every judged item has grade 1.</summary>
    public string? Grade { get; init; }

    /// <summary>The JSONL field holding a list of relevant items; null: positives, relevant, pos or docs.</summary>
    public string? List { get; init; }
}
