using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tango.Core;
using Tango.Data;
using Tango.Evaluation;
using Tango.Search;
using Tango.Training;

namespace Tango.Cli;

/// <summary>
/// `tango eval`: metrics of embeddings you already have. Either labelled embeddings (every row queries the others,
/// or a separate labelled reference set): P@1, R-precision, MAP@R, MAP, MRR, NMI, AMI, precision/recall@k, as
/// pytorch-metric-learning's AccuracyCalculator; or queries, a corpus and relevance judgements: accuracy,
/// precision, recall, MRR, nDCG and MAP at k, as sentence-transformers' InformationRetrievalEvaluator.
/// </summary>
internal static class EvalCommand
{
    public static Command Build()
    {
        var embeddings = new Option<string?>("--embeddings", "-e") { Description = "Embeddings (.npy/.npy.gz/.csv), one row per item." };
        var labels = new Option<string?>("--labels", "-l") { Description = "Labels of --embeddings (.npy, .csv/.tsv, .jsonl)." };
        var reference = new Option<string?>("--reference") { Description = "Separate reference embeddings to search (default: the embeddings themselves)." };
        var referenceLabels = new Option<string?>("--reference-labels") { Description = "Labels of --reference." };
        var queries = new Option<string?>("--queries") { Description = "Query embeddings, for judgement-based retrieval." };
        var corpus = new Option<string?>("--corpus") { Description = "Corpus embeddings, for judgement-based retrieval." };
        var judgements = new Option<string?>("--judgements") { Description = "Relevance judgements: TSV/CSV qid,docid[,grade], TREC qrels or JSONL." };
        var queryIds = new Option<string?>("--query-ids") { Description = "Ids of the query rows, one per line (default: row numbers 0, 1, ...)." };
        var corpusIds = new Option<string?>("--corpus-ids") { Description = "Ids of the corpus rows, one per line (default: row numbers)." };
        var distance = new Option<string>("--distance")
        {
            Description = "k-NN measure: l2 (squared Euclidean, PML's default), cosine or dot; judgements: cosine, " +
                "dot or euclidean.",
            DefaultValueFactory = _ => "default",
        };
        var json = new Option<string?>("--json") { Description = "Also write the metrics to this JSON file." };
        var threads = new Option<int>("--threads") { Description = "Threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("eval", "Evaluate embeddings you already have: labelled embeddings (--embeddings " +
            "--labels [--reference --reference-labels]) or retrieval with judgements (--queries --corpus " +
            "--judgements).")
        {
            embeddings, labels, reference, referenceLabels, queries, corpus, judgements, queryIds, corpusIds, distance,
            json, threads,
        };
        command.SetAction(p => CliErrors.Guard("eval", () =>
        {
            Tango.Core.Kernels.Gemm.MaxThreads = Math.Max(1, p.GetValue(threads));
            var console = Terminal.Create();
            if (p.GetValue(queries) is { } q)
            {
                return Retrieval(console, q, Require(p.GetValue(corpus), "--corpus"),
                    Require(p.GetValue(judgements), "--judgements"), p.GetValue(queryIds), p.GetValue(corpusIds),
                    p.GetValue(distance)!, p.GetValue(json));
            }

            return Labelled(console, Require(p.GetValue(embeddings), "--embeddings (or --queries)"),
                Require(p.GetValue(labels), "--labels"), p.GetValue(reference), p.GetValue(referenceLabels),
                p.GetValue(distance)!, p.GetValue(json));
        }));
        return command;
    }

    private static int Labelled(IAnsiConsole console, string embeddingsPath, string labelsPath, string? referencePath,
        string? referenceLabelsPath, string distance, string? jsonPath)
    {
        var x = FeatureFile.Read(embeddingsPath);
        var y = ReadLabels(labelsPath, x.Dim(0), embeddingsPath);
        Tensor? r = null;
        int[]? ry = null;
        if (referencePath is not null)
        {
            r = FeatureFile.Read(referencePath);
            ry = ReadLabels(Require(referenceLabelsPath, "--reference-labels"), r.Dim(0), referencePath, y.Names)
                .Labels;
            if (r.Dim(1) != x.Dim(1))
            {
                throw new InvalidDataException($"'{referencePath}' has {r.Dim(1)} columns but '{embeddingsPath}' has " +
                    $"{x.Dim(1)}.");
            }
        }

        var metric = distance.ToLowerInvariant() switch
        {
            "default" or "l2" or "squared-l2" or "euclidean" => MetricKind.SquaredL2,
            "cosine" => MetricKind.Cosine,
            "dot" or "inner-product" => MetricKind.InnerProduct,
            _ => throw new ArgumentException($"--distance must be l2, cosine or dot; got '{distance}'."),
        };
        var report = new AccuracyCalculator(metric: metric).Compute(x, y.Labels, r, ry);
        var rows = MetricNames.SingleValued.Select(m => (MetricNames.Key(m), report[m]))
            .Concat(report.PrecisionAtK.Select(kv => ($"precision_at_{kv.Key}", kv.Value)))
            .Concat(report.RecallAtK.Select(kv => ($"recall_at_{kv.Key}", kv.Value))).ToList();
        console.MarkupLine(CultureInfo.InvariantCulture, $"{x.Dim(0)} queries × {x.Dim(1)} dims against " +
            $"{(r is null ? "each other" : $"{r.Dim(0)} references")}; k = {report.K}" +
            (report.LoneLabels.Count > 0 ? $"; {report.LoneLabels.Count} label(s) with no other member skipped" : ""));
        return Print(console, rows, jsonPath);
    }

    private static int Retrieval(IAnsiConsole console, string queriesPath, string corpusPath, string judgementsPath,
        string? queryIdsPath, string? corpusIdsPath, string distance, string? jsonPath)
    {
        var q = FeatureFile.Read(queriesPath);
        var c = FeatureFile.Read(corpusPath);
        if (q.Dim(1) != c.Dim(1))
        {
            throw new InvalidDataException($"'{queriesPath}' has {q.Dim(1)} columns but '{corpusPath}' has {c.Dim(1)}.");
        }

        var qids = Ids(queryIdsPath, q.Dim(0));
        var cids = Ids(corpusIdsPath, c.Dim(0));
        var judged = JudgementFile.Read(judgementsPath);
        var rowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < cids.Length; i++)
        {
            rowOf.TryAdd(cids[i], i);
        }

        var relevant = qids.Select(id => (IReadOnlySet<int>)judged.Relevant(id).Where(rowOf.ContainsKey)
            .Select(d => rowOf[d]).ToHashSet()).ToList();
        int judgedQueries = relevant.Count(s => s.Count > 0);
        if (judgedQueries == 0)
        {
            throw new InvalidDataException($"'{judgementsPath}': none of its query/corpus ids match the rows (ids are " +
                "row numbers unless --query-ids/--corpus-ids name them).");
        }

        var similarity = distance.ToLowerInvariant() switch
        {
            "default" or "cosine" => SimilarityFunction.Cosine,
            "dot" => SimilarityFunction.DotProduct,
            "euclidean" or "l2" => SimilarityFunction.Euclidean,
            _ => throw new ArgumentException($"--distance must be cosine, dot or euclidean; got '{distance}'."),
        };
        var report = new InformationRetrievalEvaluator().Evaluate(q, c, relevant, similarity);
        var rows = new List<(string, double)>();
        void Add(string name, IReadOnlyDictionary<int, double> values) =>
            rows.AddRange(values.Select(kv => ($"{name}@{kv.Key}", kv.Value)));
        Add("accuracy", report.AccuracyAtK);
        Add("precision", report.PrecisionAtK);
        Add("recall", report.RecallAtK);
        Add("mrr", report.MrrAtK);
        Add("ndcg", report.NdcgAtK);
        Add("map", report.MapAtK);
        console.MarkupLine(CultureInfo.InvariantCulture,
            $"{q.Dim(0)} queries ({judgedQueries} with relevant corpus rows) against {c.Dim(0)} documents");
        return Print(console, rows, jsonPath);
    }

    private static int Print(IAnsiConsole console, List<(string Name, double Value)> rows, string? jsonPath)
    {
        var table = new Table();
        table.AddColumn("metric");
        table.AddColumn(new TableColumn("value").RightAligned());
        foreach (var (name, value) in rows)
        {
            table.AddRow(Markup.Escape(name), value.ToString("F4", CultureInfo.InvariantCulture));
        }

        console.Write(table);
        if (jsonPath is not null)
        {
            RunFiles.WriteJson(jsonPath, w =>
            {
                w.WriteStartObject();
                foreach (var (name, value) in rows)
                {
                    if (double.IsFinite(value))
                    {
                        w.WriteNumber(name, value);
                    }
                    else
                    {
                        w.WriteNull(name);
                    }
                }

                w.WriteEndObject();
            });
        }

        return 0;
    }

    private static (int[] Labels, string[] Names) ReadLabels(string path, int rows, string of,
        string[]? shareNames = null)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Label file '{path}' does not exist.", path);
        }

        var set = LabelFile.Read(path);
        if (set.Labels.Length != rows)
        {
            throw new InvalidDataException($"'{of}' has {rows} rows but '{path}' has {set.Labels.Length} labels.");
        }

        if (shareNames is null)
        {
            return (set.Labels, set.ClassNames);
        }

        // Reference labels are matched to query labels by name; names the queries lack get fresh numbers.
        var index = shareNames.Select((n, i) => (n, i)).ToDictionary(t => t.n, t => t.i, StringComparer.Ordinal);
        return ([.. set.Labels.Select(l => index.TryGetValue(set.ClassNames[l], out int i) ? i
            : shareNames.Length + l)], set.ClassNames);
    }

    private static string[] Ids(string? path, int rows)
    {
        if (path is null)
        {
            return [.. Enumerable.Range(0, rows).Select(i => i.ToString(CultureInfo.InvariantCulture))];
        }

        var ids = File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        return ids.Length == rows ? ids
            : throw new InvalidDataException($"'{path}' has {ids.Length} ids for {rows} rows.");
    }

    private static string Require(string? value, string option) =>
        value ?? throw new ArgumentException($"{option} is required.");
}
