using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Tango.Core;
using Tango.Core.Memory;
using Tango.Losses.Retrieval;
using Tango.NN;

namespace Tango.Benchmarks;

/// <summary>
/// <c>--retrieval-table</c>: MultipleNegativesRankingLoss forward + backward on embedding columns (anchor, positive,
/// <c>--negatives</c> hard negatives), and the cached loss's training step through a Linear(dim, dim) encoder.
/// Options: <c>--case mnrl|cached</c>, <c>--batch N</c>, <c>--dim D</c>, <c>--negatives K</c>,
/// <c>--mini-batch M</c> (cached), <c>--runs N</c>, <c>--warmup N</c>, <c>--json</c> (one line, for
/// bench/compare/st_losses.py). Peak memory is the process's peak working set (VmHWM) and its growth over the
/// working set measured just before the first step; "alloc" is what the first (cold) step allocated.
/// </summary>
internal static class RetrievalTable
{
    public static void Run(string[] args)
    {
        string which = Options.String(args, "--case", "mnrl");
        int batch = Options.Int(args, "--batch", which == "cached" ? 16384 : 1024);
        int dim = Options.Int(args, "--dim", 768);
        int negatives = Options.Int(args, "--negatives", 1);
        int miniBatch = Options.Int(args, "--mini-batch", 256);
        int runs = Options.Int(args, "--runs", which == "cached" ? 1 : 20);
        int warmup = Options.Int(args, "--warmup", which == "cached" ? 0 : 3);
        if (which is not ("mnrl" or "cached"))
        {
            Console.Error.WriteLine($"Unknown --case '{which}'; use mnrl or cached.");
            Environment.ExitCode = 2;
            return;
        }

        var rng = new Rng(0);
        var columns = Enumerable.Range(0, 2 + negatives)
            .Select(_ => Tensor.RandomNormal(rng, batch, dim, requiresGrad: which == "mnrl")).ToArray();
        Action step = which == "mnrl" ? MnrlStep(columns) : CachedStep(columns, dim, miniBatch, rng);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        long baseWs = process.WorkingSet64;
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var times = new List<double>();
        for (int i = 0; i < warmup + runs; i++)
        {
            var sw = Stopwatch.StartNew();
            step();
            if (i >= warmup)
            {
                times.Add(sw.Elapsed.TotalMilliseconds);
            }

            if (i == 0)
            {
                before = GC.GetTotalAllocatedBytes(precise: true) - before;
            }
        }

        process.Refresh();
        times.Sort();
        var r = new
        {
            impl = "tango", @case = which, batch, dim, negatives, mini_batch = miniBatch, runs,
            ms_median = times[times.Count / 2], ms_min = times[0], alloc_mb = before / 1048576.0,
            peak_ws_mb = process.PeakWorkingSet64 / 1048576.0,
            peak_growth_mb = (process.PeakWorkingSet64 - baseWs) / 1048576.0, threads = Environment.ProcessorCount,
        };
        Console.WriteLine(args.Contains("--json")
            ? JsonSerializer.Serialize(r)
            : string.Create(CultureInfo.InvariantCulture, $"| Tango {which} | {batch} | {dim} | {negatives} | " +
                $"{r.ms_median:F1} | {r.ms_min:F1} | {r.alloc_mb:F0} | {r.peak_growth_mb:F0} | {r.peak_ws_mb:F0} |"));
    }

    private static Action MnrlStep(Tensor[] columns)
    {
        var loss = new MultipleNegativesRankingLoss();
        return () =>
        {
            foreach (var c in columns)
            {
                c.Grad = null;
            }

            using var scope = TensorScope.Begin();
            loss.Compute(columns).Backward();
        };
    }

    private static Action CachedStep(Tensor[] inputs, int dim, int miniBatch, Rng rng)
    {
        var encoder = new Linear(dim, dim, rng: rng);
        var loss = new CachedMultipleNegativesRankingLoss(miniBatch);
        return () =>
        {
            encoder.ZeroGrad();
            loss.Step(inputs, encoder);
        };
    }
}
