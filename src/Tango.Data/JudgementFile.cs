using System.Text.Json;
using Tango.Data.Text;

namespace Tango.Data;

/// <summary>
/// Reads retrieval judgements (query id → relevant corpus ids, optionally graded) from
/// <list type="bullet">
/// <item>TSV/CSV: <c>qid&lt;TAB&gt;docid[&lt;TAB&gt;grade]</c>, header optional (BEIR's <c>query-id corpus-id
/// score</c> is recognised);</item>
/// <item>TREC qrels: <c>qid iteration docid grade</c> separated by blanks;</item>
/// <item>JSONL, a list per query: <c>{"query": "q1", "positives": ["d3", "d9"]}</c> (items may be
/// <c>{"id": "d3", "grade": 2}</c>), or one judgement per line: <c>{"query_id": "q1", "doc_id": "d3",
/// "score": 2}</c>.</item>
/// </list>
/// A (query, item) pair judged twice is an error naming both lines.
/// </summary>
public static class JudgementFile
{
    internal static readonly string[] QueryNames = ["query-id", "query_id", "qid", "query", "queryid"];
    internal static readonly string[] DocNames =
        ["corpus-id", "corpus_id", "doc-id", "doc_id", "docid", "docno", "doc", "document"];
    internal static readonly string[] GradeNames = ["score", "grade", "relevance", "rel", "label"];
    internal static readonly string[] ListNames = ["positives", "relevant", "pos", "docs"];
    private static readonly string[] ItemIdNames = ["id", .. DocNames];

    /// <summary>Reads the judgements of <paramref name="path"/>.</summary>
    /// <exception cref="DataFormatException">A missing id, a bad grade or a repeated judgement.</exception>
    public static Judgements Read(string path, JudgementFileOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new JudgementFileOptions();
        var format = TextTable.Resolve(path, options.Format);
        var result = new Judgements();
        var seen = new Dictionary<(string, string), int>();
        void Add(string q, string d, float grade, int line)
        {
            if (!seen.TryAdd((q, d), line))
            {
                throw new DataFormatException(path, line, $"query '{q}' and item '{d}' were already judged on line " +
                                                          $"{seen[(q, d)]}.");
            }

            result.Add(q, d, grade);
        }

        if (format == TextFormat.JsonLines)
        {
            ReadJson(path, options, result, Add);
        }
        else
        {
            ReadDelimited(path, format, options, Add);
        }

        return result;
    }

    private static void ReadDelimited(string path, TextFormat format, JudgementFileOptions options,
        Action<string, string, float, int> add)
    {
        bool named = options.Query is not null || options.Doc is not null || options.Grade is not null;
        var table = DelimitedTable.Read(path, format, named ? true : options.HasHeader,
            [.. QueryNames, .. DocNames, .. GradeNames]);
        bool trec = table.Header is null && table.Width == 4;
        int q = Locate(table, options.Query, QueryNames, 0);
        int d = Locate(table, options.Doc, DocNames, trec ? 2 : 1);
        int g = options.Grade is not null ? table.Column(options.Grade)
            : table.Header is not null ? table.FindColumn(GradeNames)
            : table.Width >= 3 ? (trec ? 3 : 2) : -1;
        foreach (var row in table.Rows)
        {
            add(DelimitedTable.Field(row, q, path, "a query id"), DelimitedTable.Field(row, d, path, "an item id"),
                g < 0 ? 1f : DelimitedTable.Number(row, g, path, "a grade"), row.Line);
        }
    }

    private static int Locate(DelimitedTable table, string? name, string[] known, int fallback)
    {
        if (name is not null)
        {
            return table.Column(name);
        }

        int c = table.FindColumn(known);
        return c >= 0 ? c : fallback;
    }

    private static void ReadJson(string path, JudgementFileOptions options, Judgements result,
        Action<string, string, float, int> add)
    {
        foreach (var (line, obj) in JsonLines.Objects(path))
        {
            string qField = options.Query ?? JsonLines.FindField(obj, QueryNames)
                ?? throw new DataFormatException(path, line, $"no query field; expected one of " +
                                                             $"{string.Join(", ", QueryNames)} (or name it).");
            string query = JsonLines.Text(Get(obj, qField, path, line), path, line, qField);
            result.AddQuery(query);
            string? list = options.List ?? (options.Doc is null ? JsonLines.FindField(obj, ListNames) : null);
            if (list is not null)
            {
                ReadList(Get(obj, list, path, line), list, query, path, line, add);
                continue;
            }

            string dField = options.Doc ?? JsonLines.FindField(obj, DocNames)
                ?? throw new DataFormatException(path, line, $"no item field; expected a list in one of " +
                                                             $"{string.Join(", ", ListNames)} or an id in one of " +
                                                             $"{string.Join(", ", DocNames)}.");
            string? gField = options.Grade ?? JsonLines.FindField(obj, GradeNames);
            add(query, JsonLines.Text(Get(obj, dField, path, line), path, line, dField),
                gField is null ? 1f : JsonLines.Number(Get(obj, gField, path, line), path, line, gField), line);
        }
    }

    private static void ReadList(JsonElement items, string field, string query, string path, int line,
        Action<string, string, float, int> add)
    {
        if (items.ValueKind != JsonValueKind.Array)
        {
            throw new DataFormatException(path, line, $"field '{field}': expected a list of ids, found " +
                                                      $"{JsonLines.Show(items)}.");
        }

        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                add(query, JsonLines.Text(item, path, line, field), 1f, line);
                continue;
            }

            string id = JsonLines.FindField(item, ItemIdNames) ?? throw new DataFormatException(path, line,
                $"field '{field}': an item object needs an id field ({string.Join(", ", ItemIdNames)}).");
            string? grade = JsonLines.FindField(item, GradeNames);
            add(query, JsonLines.Text(item.GetProperty(id), path, line, id),
                grade is null ? 1f : JsonLines.Number(item.GetProperty(grade), path, line, grade), line);
        }
    }

    private static JsonElement Get(JsonElement obj, string field, string path, int line) =>
        obj.TryGetProperty(field, out var v) ? v : throw new DataFormatException(path, line,
            $"missing the field '{field}'.");
}
