using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Tango.Core.IO;
using Tango.Core.Kernels;
using Tango.Mining;
using Tango.Search;

namespace Tango.Benchmarks.Mine;

/// <summary>
/// One measurement of `--mine-table`, in its own process so its peak memory is its own: `blas` (OpenBLAS and
/// Tango SGEMM over the first 2,048 queries × the whole mapped corpus, the bound's rate), `exact` or `ivf` (the
/// miner end to end). Prints one JSON object.
/// </summary>
internal static class MineWorker
{
    public static void Run(string[] args)
    {
        string dir = Options.String(args, "--dir", "/tmp/tango-mine-bench");
        string phase = Options.String(args, "--worker", "exact");
        int threads = Options.Int(args, "--threads", 2);
        using var sampler = new AnonSampler();
        var result = phase switch
        {
            "blas" => Blas(dir, threads),
            "paired" => Paired(dir, threads, Options.Int(args, "--paired-queries", 1024),
                Options.Int(args, "--reps", 3)),
            _ => Mine(dir, phase, threads, args),
        };
        result["peak_anon_mb"] = sampler.PeakMegabytes;
        result["peak_rss_mb"] = Status("VmHWM:");
        Console.WriteLine(JsonSerializer.Serialize(result));
    }

    private static Dictionary<string, object> Blas(string dir, int threads)
    {
        using var corpus = MappedFloatMatrix.Open(Path.Combine(dir, "corpus.npy"));
        using var queries = MappedFloatMatrix.Open(Path.Combine(dir, "queries.npy"));
        const int chunk = 16384;
        int m = Math.Min(2048, queries.Rows);
        int d = corpus.Columns;
        var q = queries.GetRows(0, m).ToArray();
        var x = new float[chunk * d];
        var c = new float[(long)m * chunk];
        OpenBlas.SetThreads(threads);
        double blas = 0, tango = 0, flops = 0;
        for (int r0 = 0; r0 < corpus.Rows; r0 += chunk)
        {
            int n = Math.Min(chunk, corpus.Rows - r0);
            corpus.GetRows(r0, n).CopyTo(x);
            Thread.Sleep(150);
            var sw = Stopwatch.StartNew();
            Gemm.Sgemm(false, true, m, n, d, 1f, q, d, x, d, 0f, c, n, GemmPath.Auto, threads, null);
            tango += sw.Elapsed.TotalSeconds;
            Thread.Sleep(150); // OpenBLAS's idle workers spin after a call; keep them off Tango's next one
            sw.Restart();
            OpenBlas.Sgemm(false, true, m, n, d, 1f, q, d, x, d, 0f, c, n);
            blas += sw.Elapsed.TotalSeconds;
            flops += 2.0 * m * n * d;
        }

        return new()
        {
            ["phase"] = "blas", ["openblas_gflops"] = flops / blas / 1e9, ["tango_gemm_gflops"] = flops / tango / 1e9,
            ["openblas_core"] = OpenBlas.CoreName, ["shape"] = $"{m}x{chunk}x{d} NT",
        };
    }

    private static Dictionary<string, object> Mine(string dir, string phase, int threads, string[] args)
    {
        var total = Stopwatch.StartNew();
        using var mapped = MappedFloatMatrix.Open(Path.Combine(dir, "corpus.npy"));
        var corpus = VectorRows.FromMapped(mapped);
        var q = Npy.Read(Path.Combine(dir, "queries.npy"));
        var queries = VectorRows.FromArray(q.ToFloat32(), q.Shape[0], q.Shape[1], "queries.npy");
        var positives = MineData.Positives(queries.Rows, corpus.Rows);
        int lists = Options.Int(args, "--lists", 1024), probes = Options.Int(args, "--probes", 32);
        var build = Stopwatch.StartNew();
        IKnnIndex index = phase == "ivf"
            ? CandidateIndexes.Ivf(corpus, MetricKind.InnerProduct, lists, probes, 64 * lists, 1234, threads)
            : CandidateIndexes.Flat(corpus, MetricKind.InnerProduct, threads);
        double buildSeconds = build.Elapsed.TotalSeconds;
        var options = new HardNegativeMiningOptions
        {
            NumNegatives = 5, RangeMin = 10, RangeMax = 100, RelativeMargin = 0.05f, MaxThreads = threads,
        };
        var mine = Stopwatch.StartNew();
        var result = new HardNegativeMiner(options).Mine(queries, corpus, index, positives);
        double mineSeconds = mine.Elapsed.TotalSeconds;
        var output = new Dictionary<string, object>
        {
            ["phase"] = phase, ["build_s"] = buildSeconds, ["mine_s"] = mineSeconds,
            ["total_s"] = total.Elapsed.TotalSeconds, ["pairs"] = result.Rows.Count,
            ["negatives"] = result.Rows.Sum(r => r.Negatives.Length), ["pairs_short"] = result.PairsShort,
            ["flops"] = 2.0 * queries.Rows * corpus.Rows * corpus.Columns,
        };
        string exactFile = Path.Combine(dir, "exact_negatives.txt");
        var lines = result.Rows.Select(r => string.Join(",", r.Negatives)).ToArray();
        if (phase == "exact")
        {
            File.WriteAllLines(exactFile, lines);
        }
        else if (File.Exists(exactFile))
        {
            output["negatives_same_as_exact"] = Overlap(File.ReadAllLines(exactFile), lines);
            output["lists"] = lists;
            output["probes"] = probes;
        }

        return output;
    }

    // Exact mining of the first m queries and OpenBLAS's product of the same m queries with the whole corpus,
    // alternated in one process: the per-repetition ratio cancels the (heavy, drifting) load of a shared machine.
    private static Dictionary<string, object> Paired(string dir, int threads, int m, int reps)
    {
        using var mapped = MappedFloatMatrix.Open(Path.Combine(dir, "corpus.npy"));
        var corpus = VectorRows.FromMapped(mapped);
        using var qm = MappedFloatMatrix.Open(Path.Combine(dir, "queries.npy"));
        int d = corpus.Columns;
        var q = qm.GetRows(0, m).ToArray();
        var queries = VectorRows.FromArray(q, m, d, "queries.npy");
        var positives = MineData.Positives(qm.Rows, corpus.Rows).Take(m).ToArray();
        var index = CandidateIndexes.Flat(corpus, MetricKind.InnerProduct, threads);
        var miner = new HardNegativeMiner(new HardNegativeMiningOptions
        {
            NumNegatives = 5, RangeMin = 10, RangeMax = 100, RelativeMargin = 0.05f, MaxThreads = threads,
        });
        const int chunk = 16384;
        var x = new float[chunk * d];
        var c = new float[(long)m * chunk];
        OpenBlas.SetThreads(threads);
        var ratios = new List<double>();
        var mineTimes = new List<double>();
        var blasTimes = new List<double>();
        for (int r = 0; r < reps; r++)
        {
            Thread.Sleep(200);
            var sw = Stopwatch.StartNew();
            miner.Mine(queries, corpus, index, positives);
            double mine = sw.Elapsed.TotalSeconds;
            double blas = 0;
            for (int r0 = 0; r0 < corpus.Rows; r0 += chunk)
            {
                int n = Math.Min(chunk, corpus.Rows - r0);
                corpus.GetRows(r0, n).CopyTo(x);
                sw.Restart();
                OpenBlas.Sgemm(false, true, m, n, d, 1f, q, d, x, d, 0f, c, n);
                blas += sw.Elapsed.TotalSeconds;
            }

            mineTimes.Add(mine);
            blasTimes.Add(blas);
            ratios.Add(blas / mine);
        }

        return new()
        {
            ["phase"] = "paired", ["queries"] = m, ["mine_s"] = mineTimes, ["openblas_s"] = blasTimes,
            ["ratio_blas_over_mine"] = ratios, ["flops"] = 2.0 * m * corpus.Rows * d,
        };
    }

    // Fraction of exact negatives (per pair, as sets) that the approximate run chose too.
    private static double Overlap(string[] exact, string[] approx)
    {
        long same = 0, all = 0;
        for (int i = 0; i < exact.Length; i++)
        {
            var a = approx[i].Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
            foreach (var id in exact[i].Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                all++;
                same += a.Contains(id) ? 1 : 0;
            }
        }

        return all == 0 ? double.NaN : (double)same / all;
    }

    internal static double Status(string key)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
                    CultureInfo.InvariantCulture) / 1024;
            }
        }

        return double.NaN;
    }

    /// <summary>Samples RssAnon (resident memory not backed by a file: the heap, not the mapped corpus).</summary>
    private sealed class AnonSampler : IDisposable
    {
        private readonly Thread _thread;
        private volatile bool _stop;
        private double _peak;

        public AnonSampler()
        {
            _thread = new Thread(() =>
            {
                while (!_stop)
                {
                    _peak = Math.Max(_peak, Status("RssAnon:"));
                    Thread.Sleep(20);
                }
            }) { IsBackground = true };
            _thread.Start();
        }

        public double PeakMegabytes => Math.Max(_peak, Status("RssAnon:"));

        public void Dispose()
        {
            _stop = true;
            _thread.Join();
        }
    }
}
