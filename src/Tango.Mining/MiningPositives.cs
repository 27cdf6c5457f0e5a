using Tango.Data;

namespace Tango.Mining;

/// <summary>
/// Turns judgements (query id → relevant corpus ids, grade &gt; 0) into the miner's positives (query row → corpus
/// rows). An id that names no row is an error naming the judgements file, the line and where ids come from.
/// </summary>
public static class MiningPositives
{
    /// <summary>Positives per query row; rows without judgements get an empty list (they are not mined).</summary>
    public static int[][] FromJudgements(Judgements judgements, string judgementsPath, IdIndex queryIds,
        IdIndex corpusIds)
    {
        ArgumentNullException.ThrowIfNull(judgements);
        ArgumentNullException.ThrowIfNull(queryIds);
        ArgumentNullException.ThrowIfNull(corpusIds);
        var positives = new List<int>[queryIds.Count];
        foreach (string q in judgements.QueryIds)
        {
            if (!queryIds.TryGetRow(q, out int row))
            {
                throw Unknown(judgementsPath, $"query id '{q}' is not among the {queryIds.Count} query ids " +
                                              $"({queryIds.Source}).", q);
            }

            positives[row] ??= [];
            foreach (string d in judgements.Relevant(q))
            {
                if (!corpusIds.TryGetRow(d, out int doc))
                {
                    throw Unknown(judgementsPath, $"corpus id '{d}' (judged for query '{q}') is not among the " +
                                                  $"{corpusIds.Count} corpus ids ({corpusIds.Source}).", q, d);
                }

                positives[row].Add(doc);
            }
        }

        return [.. positives.Select(p => p?.ToArray() ?? [])];
    }

    // The judgements reader keeps no line numbers; the first line mentioning the ids is the one to fix.
    private static DataFormatException Unknown(string path, string problem, params string[] ids)
    {
        int line = 0, i = 0;
        if (File.Exists(path))
        {
            foreach (string text in File.ReadLines(path))
            {
                i++;
                if (ids.All(id => text.Contains(id, StringComparison.Ordinal)))
                {
                    line = i;
                    break;
                }
            }
        }

        return new DataFormatException(path, line, problem);
    }
}
