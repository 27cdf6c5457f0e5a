using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Tango.Benchmarks.Knn;
using Tango.Data;
using Tango.Data.Sampling;

namespace Tango.Benchmarks.Data;

/// <summary>
/// `--data-table`: Tango.Data's file reading and writing and its MPerClassSampler side by side with NumPy and
/// pytorch-metric-learning (bench/compare/data_io.py) on the same files. Each repetition times every Tango operation
/// in this process (one untimed warm-up run, then one timed run), then runs the Python script, which does the same;
/// the table shows medians over repetitions and the median of the per-repetition ratios. Usage:
/// <c>dotnet run -c Release --project bench/Tango.Benchmarks -- --data-table --pml /path/to/pytorch-metric-learning
/// [--reps 5] [--dir /tmp/tango-data] [--python /usr/bin/python3]</c>.
/// </summary>
internal static class DataTable
{
    private static readonly (string Key, string What)[] Operations =
    [
        ("npy_gz_read", "read MNIST-10k images .npy.gz (10000×28×28 u1, 1.6 MB gz)"),
        ("npy_read", "read .npy (100000×128 f4, 51 MB)"),
        ("npy_write", "write .npy (100000×128 f4)"),
        ("npy_gz_write", "write MNIST-10k images .npy.gz (gzip level 6 / Optimal)"),
        ("mperclass", "MPerClassSampler epoch (MNIST labels, m 4, batch 32, 100000 rows)"),
    ];

    public static void Run(string[] args)
    {
        int reps = Options.Int(args, "--reps", 5);
        string dir = Options.String(args, "--dir", Path.Combine(Path.GetTempPath(), "tango-data"));
        string python = Options.String(args, "--python", "/usr/bin/python3");
        string pml = Options.String(args, "--pml", "");
        if (pml.Length == 0)
        {
            Console.Error.WriteLine("--data-table needs --pml /path/to/pytorch-metric-learning");
            Environment.Exit(2);
        }

        var (images, labels) = Prepare(dir);
        string script = Path.Combine(RepoRoot(), "bench", "compare", "data_io.py");
        string loadBefore = File.ReadAllText("/proc/loadavg").Trim();
        var tango = new List<Dictionary<string, double>>();
        var numpy = new List<Dictionary<string, double>>();
        for (int r = 0; r < reps; r++)
        {
            tango.Add(Measure(dir, images, labels));
            numpy.Add(Python(python, [script, "--dir", dir, "--pml", pml]));
            Console.Error.WriteLine($"rep {r}: tango {JsonSerializer.Serialize(tango[^1])}");
            Console.Error.WriteLine($"rep {r}: numpy {JsonSerializer.Serialize(numpy[^1])}");
        }

        string loadAfter = File.ReadAllText("/proc/loadavg").Trim();
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"CPU: {Environment.ProcessorCount} cores; median of " +
                                                        $"{reps} interleaved repetitions; /proc/loadavg before: " +
                                                        $"{loadBefore}; after: {loadAfter}");
        report.AppendLine();
        report.AppendLine("| operation | Tango ms | NumPy / PML ms | Tango / peer time |");
        report.AppendLine("|---|---|---|---|");
        foreach (var (key, what) in Operations)
        {
            double t = Stats.Median(tango.Select(m => m[key] * 1e3));
            double p = Stats.Median(numpy.Select(m => m[key] * 1e3));
            double ratio = Stats.Median(tango.Zip(numpy, (a, b) => a[key] / b[key]));
            report.AppendLine(CultureInfo.InvariantCulture, $"| {what} | {t:F1} | {p:F1} | {ratio:G3}× |");
        }

        Console.Write(report);
        File.WriteAllText(Path.Combine(dir, "data-table.md"), report.ToString());
    }

    // The inputs both sides read: the embedded MNIST files and a seeded 100000 × 128 float32 corpus.
    private static (Core.IO.NpyArray Images, int[] Labels) Prepare(string dir)
    {
        Directory.CreateDirectory(dir);
        var mnist = EmbeddedDatasets.Mnist10k();
        var pixels = Array.ConvertAll(mnist.Features, v => (byte)MathF.Round(v * 255f));
        NpyFile.Write(Path.Combine(dir, "mnist10k-images.npy.gz"), pixels, 10000, 28, 28);
        NpyFile.Write(Path.Combine(dir, "mnist10k-labels.npy"), mnist.Labels);
        var rng = new Core.Rng(1);
        var corpus = new float[100_000 * 128];
        for (int i = 0; i < corpus.Length; i++)
        {
            corpus[i] = rng.NextNormal();
        }

        NpyFile.Write(Path.Combine(dir, "corpus.npy"), corpus, 100_000, 128);
        return (NpyFile.Read(Path.Combine(dir, "mnist10k-images.npy.gz")), mnist.Labels);
    }

    private static Dictionary<string, double> Measure(string dir, Core.IO.NpyArray images, int[] labels)
    {
        string corpusPath = Path.Combine(dir, "corpus.npy");
        var corpus = NpyFile.Read(corpusPath);
        var sampler = new MPerClassSampler(labels, 4, 32, 100_000, seed: 1);
        return new Dictionary<string, double>
        {
            ["npy_gz_read"] = Timed(() => NpyFile.Read(Path.Combine(dir, "mnist10k-images.npy.gz"))),
            ["npy_read"] = Timed(() => NpyFile.Read(corpusPath)),
            ["npy_write"] = Timed(() => NpyFile.Write(Path.Combine(dir, "tango-out.npy"), corpus)),
            ["npy_gz_write"] = Timed(() => NpyFile.Write(Path.Combine(dir, "tango-out.npy.gz"), images)),
            ["mperclass"] = Timed(() => sampler.Batches(0).Sum(b => b.Length)),
        };
    }

    private static double Timed<T>(Func<T> op)
    {
        GC.KeepAlive(op());
        var watch = Stopwatch.StartNew();
        GC.KeepAlive(op());
        return watch.Elapsed.TotalSeconds;
    }

    private static double Timed(Action op) => Timed(() =>
    {
        op();
        return 0;
    });

    private static Dictionary<string, double> Python(string file, string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var p = Process.Start(info)!;
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        string last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        if (p.ExitCode != 0 || !last.StartsWith('{'))
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {output}");
        }

        using var doc = JsonDocument.Parse(last);
        return doc.RootElement.EnumerateObject().Where(e => e.Value.ValueKind == JsonValueKind.Number)
            .ToDictionary(e => e.Name, e => e.Value.GetDouble());
    }

    private static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Tango.slnx")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (Tango.slnx).");
    }
}
