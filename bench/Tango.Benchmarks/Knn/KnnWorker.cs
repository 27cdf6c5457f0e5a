using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Tango.Core.IO;
using Tango.Search;

namespace Tango.Benchmarks.Knn;

/// <summary>
/// One Tango measurement in its own process (so its peak memory is its own): maps the corpus, builds a
/// <see cref="FlatIndex"/> (referencing the mapped file) or an <see cref="IvfIndex"/>, searches every query once
/// after a small warm-up, and prints one JSON line like bench/compare/faiss_knn.py's.
/// </summary>
internal static class KnnWorker
{
    public static void Run(string[] args)
    {
        string kind = Options.String(args, "--worker", "flat");
        int k = Options.Int(args, "--k", 10);
        int threads = Options.Int(args, "--threads", Environment.ProcessorCount);
        Tango.Core.Kernels.Gemm.MaxThreads = threads;
        using var corpus = MappedFloatMatrix.Open(Options.String(args, "--corpus", ""));
        var queries = Npy.Read(Options.String(args, "--queries", "")).GetData<float>();
        var result = new Dictionary<string, object>
        {
            ["side"] = "tango", ["index"] = kind, ["n"] = corpus.Rows, ["threads"] = threads,
        };
        var watch = Stopwatch.StartNew();
        if (kind == "flat")
        {
            var index = new FlatIndex(corpus.Columns, MetricKind.InnerProduct) { MaxThreads = threads };
            index.Add(corpus);
            result["build_s"] = watch.Elapsed.TotalSeconds;
            index.Search(queries.AsSpan(0, 100 * corpus.Columns), k);
            var (hits, seconds) = Timed(() => index.Search(queries, k));
            result["search_s"] = seconds;
            result["qps"] = hits.QueryCount / seconds;
            string gt = Options.String(args, "--write-gt", "");
            if (gt.Length > 0)
            {
                Npy.Write(gt, hits.Ids, hits.QueryCount, k);
            }

            result["recall"] = Recall(args, hits);
        }
        else
        {
            var index = new IvfIndex(corpus.Columns, int.Parse(Options.String(args, "--nlist", "1024"),
                CultureInfo.InvariantCulture), MetricKind.InnerProduct) { MaxThreads = threads };
            index.Train(corpus.GetRows(0, corpus.Rows));
            result["train_s"] = watch.Elapsed.TotalSeconds;
            index.Add(corpus);
            result["build_s"] = watch.Elapsed.TotalSeconds;
            foreach (var probes in Options.String(args, "--nprobe", "8,32").Split(','))
            {
                int p = int.Parse(probes, CultureInfo.InvariantCulture);
                index.Search(queries.AsSpan(0, 100 * corpus.Columns), k, p);
                var (hits, seconds) = Timed(() => index.Search(queries, k, p));
                result[$"qps_nprobe{p}"] = hits.QueryCount / seconds;
                result[$"recall_nprobe{p}"] = Recall(args, hits);
            }
        }

        result["peak_rss_mb"] = PeakRssMegabytes();
        Console.WriteLine(JsonSerializer.Serialize(result));
    }

    private static (KnnResult Hits, double Seconds) Timed(Func<KnnResult> search)
    {
        long start = Stopwatch.GetTimestamp();
        var hits = search();
        return (hits, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    // 10-recall@10: the fraction of the exact top-k (ground-truth file; its first rows for fewer queries) found;
    // −1 without a ground truth.
    private static double Recall(string[] args, KnnResult hits)
    {
        string gt = Options.String(args, "--gt", "");
        if (gt.Length == 0 || !File.Exists(gt))
        {
            return -1;
        }

        var truth = Npy.Read(gt).GetData<int>();
        long found = 0;
        for (int i = 0; i < hits.QueryCount; i++)
        {
            var exact = truth.AsSpan(i * hits.K, hits.K).ToArray();
            foreach (int id in hits.IdsOf(i))
            {
                found += Array.IndexOf(exact, id) >= 0 ? 1 : 0;
            }
        }

        return (double)found / ((long)hits.QueryCount * hits.K);
    }

    private static double PeakRssMegabytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
                    CultureInfo.InvariantCulture) / 1024;
            }
        }

        return -1;
    }
}
