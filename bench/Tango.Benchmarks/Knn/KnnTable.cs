using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Tango.Benchmarks.Knn;

namespace Tango.Benchmarks;

/// <summary>
/// `--knn-table`: Tango's FlatIndex and IvfIndex side by side with faiss IndexFlatIP and IndexIVFFlat
/// (bench/compare/faiss_knn.py, Debian python3-faiss) on the same .npy files, inner product, k = 10, 10,000
/// queries, corpora of 100,000 and 1,000,000 × 128. Every measurement is its own process (Tango: this program with
/// --worker; faiss: the script), run in turn within each repetition, so load hits both alike; the table shows
/// medians over repetitions, peak resident memory of each process, and 10-recall@10 against the exact top 10.
/// Then AccuracyCalculator on 50,000 × 128 (Tango only). Usage:
/// <c>dotnet run -c Release --project bench/Tango.Benchmarks -- --knn-table [--reps 3] [--sizes 100000,1000000]
/// [--nprobe 8,32] [--threads 2] [--dir /tmp/tango-knn] [--python /usr/bin/python3] [--no-accuracy]</c>.
/// <c>--threads</c> caps both sides (Tango's MaxThreads, faiss's OpenMP and BLAS threads).
/// </summary>
internal static class KnnTable
{
    public static void Run(string[] args)
    {
        if (args.Contains("--worker"))
        {
            KnnWorker.Run(args);
            return;
        }

        if (args.Contains("--accuracy"))
        {
            AccuracyBench.Run(args);
            return;
        }

        int reps = Options.Int(args, "--reps", 3);
        string dir = Options.String(args, "--dir", Path.Combine(Path.GetTempPath(), "tango-knn"));
        string python = Options.String(args, "--python", "/usr/bin/python3");
        string script = Path.Combine(RepoRoot(), "bench", "compare", "faiss_knn.py");
        string probes = Options.String(args, "--nprobe", "8,32");
        string threads = Options.String(args, "--threads",
            Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        string queries = KnnData.Ensure(dir, "queries", 10_000, 2);
        var report = new StringBuilder();
        report.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"CPU: {Environment.ProcessorCount} cores, {threads} threads per side; median of {reps} interleaved " +
            $"repetitions; inner product, " +
            $"k = 10, 10,000 queries, d = 128; IVF nlist = 1024"));
        report.AppendLine();
        report.AppendLine("| corpus | index | Tango QPS | faiss QPS | Tango / faiss | Tango recall@10 " +
                          "| faiss recall@10 " +
                          "| Tango peak MB | faiss peak MB | Tango build s | faiss build s |");
        report.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var size in Options.String(args, "--sizes", "100000,1000000").Split(','))
        {
            int n = int.Parse(size, CultureInfo.InvariantCulture);
            string corpus = KnnData.Ensure(dir, "corpus", n, 1);
            string gt = Path.Combine(dir, $"gt_{n}.npy");
            var runs = new Dictionary<string, List<JsonElement>>();
            for (int r = 0; r < reps; r++)
            {
                string[] common =
                    ["--corpus", corpus, "--queries", queries, "--k", "10", "--gt", gt, "--threads", threads];
                Add(runs, "tango flat", Self([.. common, "--worker", "flat", "--write-gt", gt]));
                Add(runs, "faiss flat", Process(python, [script, .. common, "--index", "flat"]));
                Add(runs, "tango ivf", Self([.. common, "--worker", "ivf", "--nlist", "1024", "--nprobe", probes]));
                Add(runs, "faiss ivf", Process(python, [script, .. common, "--index", "ivf", "--nlist", "1024",
                    "--nprobe", probes]));
            }

            Row(report, n, "Flat", runs["tango flat"], runs["faiss flat"], "qps", "recall");
            foreach (int p in probes.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)))
            {
                Row(report, n, $"IVF nprobe {p}", runs["tango ivf"], runs["faiss ivf"], $"qps_nprobe{p}",
                    $"recall_nprobe{p}");
            }
        }

        if (!args.Contains("--no-accuracy"))
        {
            report.AppendLine();
            report.AppendLine(Self(["--accuracy"]).GetProperty("text").GetString());
        }

        Console.Write(report);
        File.WriteAllText(Path.Combine(dir, "knn-table.md"), report.ToString());
    }

    private static void Row(StringBuilder sb, int n, string name, List<JsonElement> tango, List<JsonElement> faiss,
        string qps, string recall)
    {
        double Median(List<JsonElement> runs, string key) => Stats.Median(runs.Select(r => r.GetProperty(key)
            .GetDouble()));
        double ratio = Stats.Median(tango.Zip(faiss, (t, f) => t.GetProperty(qps).GetDouble() /
                                                              f.GetProperty(qps).GetDouble()));
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"| {n:N0} | {name} | {Median(tango, qps):F0} | {Median(faiss, qps):F0} | {ratio:F2}× | " +
            $"{Median(tango, recall):F4} | {Median(faiss, recall):F4} | {Median(tango, "peak_rss_mb"):F0} | " +
            $"{Median(faiss, "peak_rss_mb"):F0} | {Median(tango, "build_s"):F1} | {Median(faiss, "build_s"):F1} |"));
    }

    private static void Add(Dictionary<string, List<JsonElement>> runs, string key, JsonElement run)
    {
        Console.Error.WriteLine($"{key}: {run}");
        (runs.TryGetValue(key, out var list) ? list : runs[key] = []).Add(run);
    }

    private static JsonElement Self(string[] args) =>
        Process("dotnet", [typeof(KnnTable).Assembly.Location, "--knn-table", .. args]);

    private static JsonElement Process(string file, string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var p = System.Diagnostics.Process.Start(info)!;
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        string last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        if (p.ExitCode != 0 || !last.StartsWith('{'))
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({p.ExitCode}): {output}");
        }

        return JsonDocument.Parse(last).RootElement.Clone();
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tango.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
