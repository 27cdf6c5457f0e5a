using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Tango.Benchmarks.Mine;

namespace Tango.Benchmarks;

/// <summary>
/// `--mine-table`: hard-negative mining over a memory-mapped 1,000,000 × 384 float32 corpus (1.5 GB .npy,
/// generated once under --dir), 20,000 queries, 5 negatives each from ranks 10–100 (relative margin 0.05), exact
/// (FlatIndex) and IVF; wall time and peak memory per process. The bound: the FLOPs of the full product
/// (2 · queries · corpus · d) at OpenBLAS's measured rate on the same data (first 2,048 queries × the whole
/// corpus in 16,384-row chunks, NT), measured before and after the mining runs. Usage:
/// <c>dotnet run -c Release --project bench/Tango.Benchmarks -- --mine-table [--dir /tmp/tango-mine-bench]
/// [--rows 1000000] [--dim 384] [--queries 20000] [--threads 2] [--lists 1024] [--probes 32] [--reps 1]
/// [--delete]</c> (--delete removes the generated files afterwards). On a loaded machine the paired mode is the
/// robust figure: <c>--mine-table --worker paired --dir DIR [--paired-queries 1024] [--reps 3]</c> alternates exact
/// mining of the first queries with OpenBLAS's product of the same queries and the whole corpus, in one process,
/// and reports the per-repetition ratio.
/// </summary>
internal static class MineTable
{
    public static void Run(string[] args)
    {
        if (args.Contains("--worker"))
        {
            MineWorker.Run(args);
            return;
        }

        string dir = Options.String(args, "--dir", "/tmp/tango-mine-bench");
        int rows = Options.Int(args, "--rows", 1_000_000), dim = Options.Int(args, "--dim", 384);
        int queries = Options.Int(args, "--queries", 20_000), reps = Options.Int(args, "--reps", 1);
        string threads = Options.Int(args, "--threads", 2).ToString(CultureInfo.InvariantCulture);
        string lists = Options.String(args, "--lists", "1024"), probes = Options.String(args, "--probes", "32");
        if (!File.Exists(Path.Combine(dir, "qrels.tsv")))
        {
            var sw = Stopwatch.StartNew();
            MineData.Generate(dir, rows, dim, queries);
            Console.WriteLine(
                $"generated {rows} x {dim} corpus and {queries} queries in {sw.Elapsed.TotalSeconds:F0} s");
        }

        var report = new StringBuilder();
        report.AppendLine($"load before: {Load()}");
        string[] common = ["--dir", dir, "--threads", threads];
        for (int r = 0; r < reps; r++)
        {
            var before = Self([.. common, "--worker", "blas"]);
            var exact = Self([.. common, "--worker", "exact"]);
            var ivf = Self([.. common, "--worker", "ivf", "--lists", lists, "--probes", probes]);
            var after = Self([.. common, "--worker", "blas"]);
            Table(report, before, exact, ivf, after);
        }

        report.AppendLine($"load after: {Load()}");
        Console.Write(report);
        File.WriteAllText(Path.Combine(dir, "mine-table.md"), report.ToString());
        if (args.Contains("--delete"))
        {
            foreach (var f in new[] { "corpus.npy", "queries.npy", "qrels.tsv", "exact_negatives.txt" })
            {
                File.Delete(Path.Combine(dir, f));
            }
        }
    }

    private static void Table(StringBuilder report, JsonElement before, JsonElement exact, JsonElement ivf,
        JsonElement after)
    {
        double blas = (before.GetProperty("openblas_gflops").GetDouble() +
                       after.GetProperty("openblas_gflops").GetDouble()) / 2;
        double tangoGemm = (before.GetProperty("tango_gemm_gflops").GetDouble() +
                            after.GetProperty("tango_gemm_gflops").GetDouble()) / 2;
        double flops = exact.GetProperty("flops").GetDouble();
        double bound = flops / blas / 1e9;
        report.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"OpenBLAS ({before.GetProperty("openblas_core").GetString()}) {before.GetProperty("shape")}: " +
            $"{before.GetProperty("openblas_gflops").GetDouble():F1} / " +
            $"{after.GetProperty("openblas_gflops").GetDouble():F1}" +
            $" GFLOP/s before / after; Tango SGEMM same shape {tangoGemm:F1}. Bound for {flops / 1e12:F2} TFLOP: " +
            $"{bound:F1} s"));
        report.AppendLine();
        report.AppendLine("| index | build s | mine s | total s | bound ÷ mine | pairs | negatives | short pairs " +
                          "| same as exact | peak anon MB | peak RSS MB (incl. mapped corpus) |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, e) in new[] { ("exact (FlatIndex)", exact), ("IVF", ivf) })
        {
            string label = e.TryGetProperty("lists", out var l)
                ? $"IVF nlist {l} nprobe {e.GetProperty("probes")}" : name;
            string same = e.TryGetProperty("negatives_same_as_exact", out var s)
                ? s.GetDouble().ToString("P1", CultureInfo.InvariantCulture) : "—";
            report.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {label} | {e.GetProperty("build_s").GetDouble():F1} | {e.GetProperty("mine_s").GetDouble():F1} " +
                $"| {e.GetProperty("total_s").GetDouble():F1} | {bound / e.GetProperty("mine_s").GetDouble():F2} " +
                $"| {e.GetProperty("pairs")} | {e.GetProperty("negatives")} | {e.GetProperty("pairs_short")} " +
                $"| {same} | {e.GetProperty("peak_anon_mb").GetDouble():F0} " +
                $"| {e.GetProperty("peak_rss_mb").GetDouble():F0} |"));
        }

        report.AppendLine();
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "?";

    private static JsonElement Self(string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in (string[])[typeof(MineTable).Assembly.Location, "--mine-table", .. args])
        {
            info.ArgumentList.Add(a);
        }

        using var p = Process.Start(info)!;
        string text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {string.Join(' ', args)} -> {text.Trim()}");
        return JsonDocument.Parse(text.Trim().Split('\n')[^1]).RootElement.Clone();
    }
}
