using Tango.Data.Text;

namespace Tango.Data;

/// <summary>
/// Reads labelled pairs (a, b, score) from CSV/TSV — <c>a,b[,score]</c>, header optional — or JSONL —
/// <c>{"a": "...", "b": "...", "score": 1}</c> or the sentence-transformers names (anchor/positive, sentence1/
/// sentence2). Scores are ±1, 1/0 or graded; pairs without a score get 1. Errors name the file and the line.
/// </summary>
public static class PairFile
{
    internal static readonly string[] FirstNames = ["a", "anchor", "query", "text1", "sentence1", "id1", "left"];
    internal static readonly string[] SecondNames =
        ["b", "positive", "document", "doc", "text2", "sentence2", "id2", "right"];
    internal static readonly string[] ScoreNames = ["score", "label", "similarity"];

    /// <summary>Reads the pairs of <paramref name="path"/> in file order.</summary>
    /// <exception cref="DataFormatException">A missing item or a score that is not a finite number.</exception>
    public static IReadOnlyList<LabeledPair> Read(string path, PairFileOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new PairFileOptions();
        var format = TextTable.Resolve(path, options.Format);
        return format == TextFormat.JsonLines ? ReadJson(path, options) : ReadDelimited(path, format, options);
    }

    private static List<LabeledPair> ReadJson(string path, PairFileOptions options)
    {
        var pairs = new List<LabeledPair>();
        string? a = options.First, b = options.Second, score = options.Score;
        bool first = true;
        foreach (var (line, obj) in JsonLines.Objects(path))
        {
            a ??= JsonLines.FindField(obj, FirstNames) ?? throw Missing(path, line, "first item", FirstNames);
            b ??= JsonLines.FindField(obj, SecondNames) ?? throw Missing(path, line, "second item", SecondNames);
            if (first)
            {
                // The score field is chosen once, from the first line: a file either has scores or it does not.
                score ??= JsonLines.FindField(obj, ScoreNames);
                first = false;
            }

            pairs.Add(new LabeledPair(JsonText(obj, a, path, line), JsonText(obj, b, path, line),
                score is null ? 1f : JsonLines.Number(Get(obj, score, path, line), path, line, score)));
        }

        return pairs;
    }

    private static List<LabeledPair> ReadDelimited(string path, TextFormat format, PairFileOptions options)
    {
        bool named = options.First is not null || options.Second is not null || options.Score is not null;
        var table = DelimitedTable.Read(path, format, named ? true : options.HasHeader,
            [.. FirstNames, .. SecondNames, .. ScoreNames]);
        int a = Locate(table, options.First, FirstNames, 0);
        int b = Locate(table, options.Second, SecondNames, 1);
        int s = options.Score is not null ? table.Column(options.Score)
            : table.Header is not null ? table.FindColumn(ScoreNames)
            : table.Width >= 3 ? 2 : -1;
        var pairs = new List<LabeledPair>(table.Rows.Count);
        foreach (var row in table.Rows)
        {
            pairs.Add(new LabeledPair(DelimitedTable.Field(row, a, path, "the first item"),
                DelimitedTable.Field(row, b, path, "the second item"),
                s < 0 ? 1f : DelimitedTable.Number(row, s, path, "a score")));
        }

        return pairs;
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

    private static System.Text.Json.JsonElement Get(System.Text.Json.JsonElement obj, string field, string path,
        int line) =>
        obj.TryGetProperty(field, out var v) ? v : throw new DataFormatException(path, line,
            $"missing the field '{field}'.");

    private static string JsonText(System.Text.Json.JsonElement obj, string field, string path, int line) =>
        JsonLines.Text(Get(obj, field, path, line), path, line, field);

    private static DataFormatException Missing(string path, int line, string what, string[] names) =>
        new(path, line, $"no field for the {what}; expected one of {string.Join(", ", names)} (or name it).");
}
