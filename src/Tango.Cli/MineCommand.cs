using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tango.Core.IO;
using Tango.Data;
using Tango.Mining;
using Tango.Search;

namespace Tango.Cli;

/// <summary>
/// `tango mine`: hard negatives for (query, positive) pairs over a corpus of embeddings (docs/mining.md). Wiring
/// only: reads the files, builds the index, runs <see cref="HardNegativeMiner"/> with a progress bar, writes the
/// output atomically and prints a summary (and optionally an HTML histogram of the scores).
/// </summary>
internal static class MineCommand
{
    private static readonly Option<string> Queries = Req("--queries", "Query embeddings, .npy or .npy.gz (n, d).");
    private static readonly Option<string> Corpus = Req("--corpus",
        "Corpus embeddings (N, d); an uncompressed float32 .npy is memory-mapped, not loaded.");
    private static readonly Option<string> JudgementsPath = Req("--judgements",
        "Positives: query id → corpus ids (TSV/CSV/TREC qrels/JSONL); several per query allowed.");
    private static readonly Option<string> Output = Req("--output", "Output JSONL path (written atomically).");
    private static readonly Option<string?> QueryIds = Opt<string?>("--query-ids",
        "One id per line naming the query rows (default: row numbers 0, 1, …).", null);
    private static readonly Option<string?> CorpusIds = Opt<string?>("--corpus-ids",
        "One id per line naming the corpus rows (default: row numbers).", null);
    private static readonly Option<MiningOutputFormat> Format = Opt("--format",
        "Triplets (one line per negative), Tuples (query, positive, k negatives) or LabelledPairs.",
        MiningOutputFormat.Triplets);
    private static readonly Option<bool> Scores = Opt("--scores", "Also write the scores of each line.", false);
    private static readonly Option<string> Metric = Opt("--metric", "cosine or dot (inner product).", "cosine");
    private static readonly Option<string> IndexKind = Opt("--index", "flat (exact) or ivf (approximate).", "flat");
    private static readonly Option<int> Lists = Opt("--lists", "IVF cells (nlist).", 1024);
    private static readonly Option<int> Probes = Opt("--probes", "IVF cells searched per query (nprobe).", 32);
    private static readonly Option<int> NumNegatives = Opt("--num-negatives", "Negatives per (query, positive).", 3);
    private static readonly Option<int> RangeMin = Opt("--range-min", "Skip this many best surviving candidates.", 0);
    private static readonly Option<int?> RangeMax = Opt<int?>("--range-max",
        "End of the rank window (default: range-min + num-negatives, ×10 with a score filter).", null);
    private static readonly Option<float?> MaxScore = Opt<float?>("--max-score", "Drop candidates above.", null);
    private static readonly Option<float?> MinScore = Opt<float?>("--min-score", "Drop candidates below.", null);
    private static readonly Option<float?> Margin = Opt<float?>("--margin",
        "Drop unless score + margin ≤ the query's lowest positive score.", null);
    private static readonly Option<float?> RelativeMargin = Opt<float?>("--relative-margin",
        "Drop above (lowest positive score) × (1 − r).", null);
    private static readonly Option<float?> FalseNegative = Opt<float?>("--false-negative-fraction",
        "Per pair: drop above f × that positive's score (likely unlabelled positives).", null);
    private static readonly Option<string?> GuideQueries = Opt<string?>("--guide-queries",
        "Guide model's query embeddings (GISTEmbed filter).", null);
    private static readonly Option<string?> GuideCorpus = Opt<string?>("--guide-corpus",
        "Guide model's corpus embeddings.", null);
    private static readonly Option<float> GuideMargin = Opt("--guide-margin",
        "Per pair: drop when guide score > guide positive score − margin.", 0f);
    private static readonly Option<NegativeSampling> Sampling = Opt("--sampling", "Top or Random.",
        NegativeSampling.Top);
    private static readonly Option<ulong> Seed = Opt<ulong>("--seed", "Seed of random sampling.", 0);
    private static readonly Option<int> Threads = Opt("--threads", "Threads (default: all cores).",
        Environment.ProcessorCount);
    private static readonly Option<string?> Histogram = Opt<string?>("--histogram",
        "Also write an HTML page with histograms of positive and negative scores.", null);

    public static Command Build() => Build(null, null);

    /// <summary>The command writing to the given writers (tests) instead of the console's at run time.</summary>
    internal static Command Build(TextWriter? output, TextWriter? error)
    {
        var command = new Command("mine", "Mine hard negatives over a corpus of embeddings, with false-negative " +
                                          "filtering.")
        {
            Queries, Corpus, JudgementsPath, Output, QueryIds, CorpusIds, Format, Scores, Metric, IndexKind, Lists,
            Probes, NumNegatives, RangeMin, RangeMax, MaxScore, MinScore, Margin, RelativeMargin, FalseNegative,
            GuideQueries, GuideCorpus, GuideMargin, Sampling, Seed, Threads, Histogram,
        };
        command.SetAction(p => Run(p, output ?? Console.Out, error ?? Console.Error));
        return command;
    }

    private static int Run(ParseResult p, TextWriter output, TextWriter error)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        var opened = new List<IDisposable>();
        try
        {
            var metric = p.GetValue(Metric) switch
            {
                "cosine" => MetricKind.Cosine,
                "dot" => MetricKind.InnerProduct,
                var m => throw new ArgumentException($"--metric must be cosine or dot; got '{m}'."),
            };
            var options = Options(p);
            var queries = Matrix(p.GetValue(Queries)!, opened);
            var corpus = Matrix(p.GetValue(Corpus)!, opened);
            var queryIds = Ids(p.GetValue(QueryIds), queries);
            var corpusIds = Ids(p.GetValue(CorpusIds), corpus);
            string judgementsPath = p.GetValue(JudgementsPath)!;
            var positives = MiningPositives.FromJudgements(JudgementFile.Read(judgementsPath), judgementsPath,
                queryIds, corpusIds);
            var guide = Guide(p, metric, opened);
            if (queries.Columns != corpus.Columns)
            {
                throw new ArgumentException($"'{queries.Name}' has dimension {queries.Columns} but '{corpus.Name}' " +
                                            $"has dimension {corpus.Columns}.");
            }

            var index = BuildIndex(p, corpus, metric, console);
            var result = MineWithProgress(console, options, queries, corpus, index, positives, guide);
            var format = p.GetValue(Format);
            long lines = MiningWriter.Write(p.GetValue(Output)!, result, format, p.GetValue(Scores), queryIds,
                corpusIds);
            MineSummary.Print(console, result, lines, p.GetValue(Output)!);
            if (p.GetValue(Histogram) is string html)
            {
                ScoreHistogramHtml.Write(html, result.PositiveScores(), result.NegativeScores());
                console.MarkupLine($"Histogram: [blue]{Markup.Escape(html)}[/]");
            }

            return 0;
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException
                                      or InvalidOperationException or UnauthorizedAccessException)
        {
            error.WriteLine($"tango mine: {e.Message}");
            return 2;
        }
        finally
        {
            opened.ForEach(d => d.Dispose());
        }
    }

    private static HardNegativeMiningOptions Options(ParseResult p)
    {
        var options = new HardNegativeMiningOptions
        {
            NumNegatives = p.GetValue(NumNegatives), RangeMin = p.GetValue(RangeMin), RangeMax = p.GetValue(RangeMax),
            MaxScore = p.GetValue(MaxScore), MinScore = p.GetValue(MinScore), Margin = p.GetValue(Margin),
            RelativeMargin = p.GetValue(RelativeMargin), FalseNegativeFraction = p.GetValue(FalseNegative),
            GuideMargin = p.GetValue(GuideMargin), Sampling = p.GetValue(Sampling), Seed = p.GetValue(Seed),
            MaxThreads = Math.Max(1, p.GetValue(Threads)),
        };
        options.Validate();
        return options;
    }

    // A 2-D embedding matrix: mapped when it is an uncompressed little-endian float32 .npy, else read into memory.
    private static VectorRows Matrix(string path, List<IDisposable> opened)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"'{path}' does not exist.");
        }

        var header = NpyFile.ReadHeader(path);
        if (header.Shape.Length != 2)
        {
            throw new NpyFormatException(path, $"expected a 2-D (rows, dimension) array; found shape " +
                                               $"({string.Join(", ", header.Shape.ToArray())}).");
        }

        if (!NpyFile.IsGzip(path) && header.DType == NpyDType.Float32 && !header.IsBigEndian)
        {
            var mapped = NpyFile.OpenMapped(path);
            opened.Add(mapped);
            return VectorRows.FromMapped(mapped);
        }

        var array = NpyFile.Read(path);
        return VectorRows.FromArray(array.ToFloat32(), array.Shape[0], array.Shape[1], path);
    }

    private static IdIndex Ids(string? path, VectorRows rows) =>
        path is null ? IdIndex.RowNumbers(rows.Rows, rows.Name) : IdIndex.Read(path, rows.Rows, rows.Name);

    private static GuideEmbeddings? Guide(ParseResult p, MetricKind metric, List<IDisposable> opened)
    {
        string? q = p.GetValue(GuideQueries), c = p.GetValue(GuideCorpus);
        if ((q is null) != (c is null))
        {
            throw new ArgumentException("--guide-queries and --guide-corpus go together; give both or neither.");
        }

        return q is null ? null : new GuideEmbeddings(Matrix(q, opened), Matrix(c!, opened), metric);
    }

    private static IKnnIndex BuildIndex(ParseResult p, VectorRows corpus, MetricKind metric, IAnsiConsole console)
    {
        int threads = Math.Max(1, p.GetValue(Threads));
        switch (p.GetValue(IndexKind))
        {
            case "flat":
                return CandidateIndexes.Flat(corpus, metric, threads);
            case "ivf":
                int lists = p.GetValue(Lists), probes = p.GetValue(Probes);
                if (lists < 1 || probes < 1 || probes > lists)
                {
                    throw new ArgumentException($"--probes must be in 1..--lists ({lists}); got {probes}.");
                }

                console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                    $"Training IVF: {lists} lists on {Math.Min(corpus.Rows, 64 * lists)} rows…"));
                return CandidateIndexes.Ivf(corpus, metric, lists, probes, 64 * lists, 1234, threads);
            case var other:
                throw new ArgumentException($"--index must be flat or ivf; got '{other}'.");
        }
    }

    private static MiningResult MineWithProgress(IAnsiConsole console, HardNegativeMiningOptions options,
        VectorRows queries, VectorRows corpus, IKnnIndex index, int[][] positives, GuideEmbeddings? guide)
    {
        MiningResult? result = null;
        console.Progress().AutoClear(false).Start(ctx =>
        {
            var task = ctx.AddTask("Mining", maxValue: Math.Max(1, positives.Count(x => x.Length > 0)));
            result = new HardNegativeMiner(options).Mine(queries, corpus, index, positives, guide,
                new SyncProgress(m => task.Value = m.QueriesDone));
            task.Value = task.MaxValue;
        });
        return result!;
    }

    private static Option<string> Req(string name, string description) =>
        new(name) { Description = description, Required = true };

    private static Option<T> Opt<T>(string name, string description, T fallback) =>
        new(name) { Description = description, DefaultValueFactory = _ => fallback };

    private sealed class SyncProgress(Action<MiningProgress> report) : IProgress<MiningProgress>
    {
        public void Report(MiningProgress value) => report(value);
    }

    /// <summary>The summary tables (nested: the command is one file by design).</summary>
    private static class MineSummary
    {
        public static void Print(IAnsiConsole console, MiningResult r, long lines, string output)
        {
            static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);
            int negatives = r.Rows.Sum(x => x.Negatives.Length);
            var summary = new Table().Title("Mining summary").AddColumn("")
                .AddColumn(new TableColumn("").RightAligned());
            summary.AddRow("Queries processed", N(r.QueriesMined));
            summary.AddRow("Queries without positives (skipped)", N(r.QueriesWithoutPositives));
            summary.AddRow("(query, positive) pairs", N(r.Rows.Count));
            summary.AddRow("Negatives chosen", N(negatives));
            summary.AddRow("Negatives per pair (asked / mean)", string.Create(CultureInfo.InvariantCulture,
                $"{r.NumNegatives} / {(r.Rows.Count == 0 ? 0 : (double)negatives / r.Rows.Count):F2}"));
            summary.AddRow("Pairs with fewer / none", $"{N(r.PairsShort)} / {N(r.PairsWithoutNegatives)}");
            summary.AddRow("Lines written", $"{N(lines)} → {Markup.Escape(output)}");
            console.Write(summary);

            var c = r.Counts;
            var filters = new Table().Title("Candidates removed").AddColumn("step")
                .AddColumn(new TableColumn("removed").RightAligned()).AddColumn(new TableColumn("unit"));
            filters.AddRow("retrieved", N(c.Retrieved), "query × candidate");
            foreach (var (name, v, unit) in new[]
            {
                ("known positives", c.Positives, "query × candidate"), ("margin", c.Margin, "query × candidate"),
                ("relative margin", c.RelativeMargin, "query × candidate"), ("max score", c.MaxScore,
                    "query × candidate"),
                ("min score", c.MinScore, "query × candidate"), ("guide model", c.Guide, "pair × candidate"),
                ("false-negative fraction", c.FalseNegative, "pair × candidate"),
                ("outside rank window", c.OutsideWindow, "pair × candidate"),
            })
            {
                filters.AddRow(name, N(v), unit);
            }

            console.Write(filters);
            var pos = ScoreSummary.Of(r.PositiveScores());
            var neg = ScoreSummary.Of(r.NegativeScores());
            var scores = new Table().Title("Scores").AddColumn("")
                .AddColumn(new TableColumn("positives").RightAligned())
                .AddColumn(new TableColumn("chosen negatives").RightAligned());
            scores.AddRow("count", N(pos.Count), N(neg.Count));
            foreach (var (name, a, b) in new[]
            {
                ("mean", pos.Mean, neg.Mean), ("std", pos.Std, neg.Std), ("min", pos.Min, neg.Min),
                ("25%", pos.Q25, neg.Q25), ("50%", pos.Median, neg.Median), ("75%", pos.Q75, neg.Q75),
                ("max", pos.Max, neg.Max),
            })
            {
                scores.AddRow(name, F(a), F(b));
            }

            console.Write(scores);
        }

        private static string F(double v) => double.IsNaN(v) ? "—" : v.ToString("F4", CultureInfo.InvariantCulture);
    }
}
