using System.Text.Json;
using Tango.Core.IO;

namespace Tango.Mining;

/// <summary>
/// Writes a <see cref="MiningResult"/> as JSON Lines, atomically (a temporary file renamed over the target, so a
/// failure never leaves a partial file). Ids are the given strings, or row numbers when no ids are given; with
/// scores, each line also carries the scores of its pairs.
/// </summary>
public static class MiningWriter
{
    /// <summary>Writes <paramref name="result"/> to <paramref name="path"/>; returns the number of lines.</summary>
    public static long Write(string path, MiningResult result, MiningOutputFormat format, bool withScores = false,
        IReadOnlyList<string>? queryIds = null, IReadOnlyList<string>? corpusIds = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(result);
        using var file = AtomicFile.Create(path);
        long lines;
        using (var json = new Utf8JsonWriter(file.Stream, new JsonWriterOptions { SkipValidation = true }))
        {
            var ids = new IdWriter(json, file.Stream, queryIds, corpusIds);
            lines = format switch
            {
                MiningOutputFormat.Triplets => Triplets(ids, result, withScores),
                MiningOutputFormat.Tuples => Tuples(ids, result, withScores),
                MiningOutputFormat.LabelledPairs => LabelledPairs(ids, result, withScores),
                _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown output format."),
            };
        }

        file.Commit();
        return lines;
    }

    private static long Triplets(IdWriter w, MiningResult result, bool withScores)
    {
        long lines = 0;
        foreach (var row in result.Rows)
        {
            for (int i = 0; i < row.Negatives.Length; i++)
            {
                w.Begin();
                w.Query("query", row.Query);
                w.Doc("positive", row.Positive);
                w.Doc("negative", row.Negatives[i]);
                if (withScores)
                {
                    w.Json.WriteNumber("positive_score", row.PositiveScore);
                    w.Json.WriteNumber("negative_score", row.NegativeScores[i]);
                }

                w.End();
                lines++;
            }
        }

        return lines;
    }

    private static long Tuples(IdWriter w, MiningResult result, bool withScores)
    {
        long lines = 0;
        foreach (var row in result.Rows.Where(r => r.Negatives.Length == result.NumNegatives))
        {
            w.Begin();
            w.Query("query", row.Query);
            w.Doc("positive", row.Positive);
            w.Json.WriteStartArray("negatives");
            foreach (int n in row.Negatives)
            {
                w.DocValue(n);
            }

            w.Json.WriteEndArray();
            if (withScores)
            {
                w.Json.WriteStartArray("scores");
                w.Json.WriteNumberValue(row.PositiveScore);
                foreach (float s in row.NegativeScores)
                {
                    w.Json.WriteNumberValue(s);
                }

                w.Json.WriteEndArray();
            }

            w.End();
            lines++;
        }

        return lines;
    }

    private static long LabelledPairs(IdWriter w, MiningResult result, bool withScores)
    {
        long lines = 0;
        foreach (var group in result.Rows.GroupBy(r => r.Query))
        {
            foreach (var row in group)
            {
                lines += Labelled(w, row.Query, row.Positive, 1, row.PositiveScore, withScores);
            }

            var seen = new HashSet<int>();
            foreach (var row in group)
            {
                for (int i = 0; i < row.Negatives.Length; i++)
                {
                    if (seen.Add(row.Negatives[i]))
                    {
                        lines += Labelled(w, row.Query, row.Negatives[i], 0, row.NegativeScores[i], withScores);
                    }
                }
            }
        }

        return lines;
    }

    private static int Labelled(IdWriter w, int query, int doc, int label, float score, bool withScores)
    {
        w.Begin();
        w.Query("query", query);
        w.Doc("document", doc);
        w.Json.WriteNumber("label", label);
        if (withScores)
        {
            w.Json.WriteNumber("score", score);
        }

        w.End();
        return 1;
    }

    /// <summary>Writes one JSON object per line, ids as strings when given, else as row numbers.</summary>
    private sealed class IdWriter(Utf8JsonWriter json, Stream stream, IReadOnlyList<string>? queryIds,
        IReadOnlyList<string>? docIds)
    {
        public Utf8JsonWriter Json => json;

        public void Begin()
        {
            json.Reset();
            json.WriteStartObject();
        }

        public void End()
        {
            json.WriteEndObject();
            json.Flush();
            stream.WriteByte((byte)'\n');
        }

        public void Query(string name, int row)
        {
            json.WritePropertyName(name);
            Value(queryIds, row);
        }

        public void Doc(string name, int row)
        {
            json.WritePropertyName(name);
            Value(docIds, row);
        }

        public void DocValue(int row) => Value(docIds, row);

        private void Value(IReadOnlyList<string>? ids, int row)
        {
            if (ids is null)
            {
                json.WriteNumberValue(row);
            }
            else
            {
                json.WriteStringValue(ids[row]);
            }
        }
    }
}
