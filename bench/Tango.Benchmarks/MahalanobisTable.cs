using System.Diagnostics;
using System.Globalization;
using Tango.Core.IO;
using Tango.Mahalanobis;

namespace Tango.Benchmarks;

/// <summary>
/// `--maha-table`: fit time of one Mahalanobis learner on a (features .npy, labels .npy) pair, for
/// bench/compare/metric_learn_fit.py, which runs metric-learn on the same arrays in alternation with this mode.
/// One untimed warm-up fit (on at most 300 rows, so JIT compilation is not timed), then <c>--repeats</c> timed
/// fits; prints one JSON line with every wall and CPU (all threads) time, the iterations and the process's
/// peak working set.
/// Learners take metric-learn's defaults; <c>--max-iter</c> caps the iterative ones (both sides get the same cap).
/// </summary>
internal static class MahalanobisTable
{
    public static void Run(string[] args)
    {
        var xa = Npy.Read(Options.String(args, "--x", "x.npy"));
        var ya = Npy.Read(Options.String(args, "--y", "y.npy"));
        string learner = Options.String(args, "--learner", "NCA");
        int repeats = Options.Int(args, "--repeats", 3);
        int? maxIter = args.Contains("--max-iter") ? Options.Int(args, "--max-iter", 0) : null;
        var (n, d) = (xa.Shape[0], xa.Shape[1]);
        var flat = xa.DType == NpyDType.Float64 ? xa.GetData<double>()
            : Array.ConvertAll(xa.ToFloat32(), v => (double)v);
        var x = new double[n, d];
        Buffer.BlockCopy(flat, 0, x, 0, flat.Length * sizeof(double));
        var y = Array.ConvertAll(ya.ToInt64(), v => (int)v);

        int warm = Math.Min(n, 300);
        var xw = new double[warm, d];
        Buffer.BlockCopy(flat, 0, xw, 0, warm * d * sizeof(double));
        Create(learner, maxIter).Fit(xw, y[..warm]);

        var (times, cpu) = (new List<double>(), new List<double>());
        int iterations = 0;
        var process = Process.GetCurrentProcess();
        for (int r = 0; r < repeats; r++)
        {
            var model = Create(learner, maxIter);
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            model.Fit(x, y);
            times.Add(sw.Elapsed.TotalSeconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpu0).TotalSeconds);
            iterations = model.Iterations;
        }

        double peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;
        static string List(List<double> v) =>
            string.Join(", ", v.Select(t => t.ToString("R", CultureInfo.InvariantCulture)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"learner\": \"{learner}\", \"n\": {n}, \"d\": {d}, \"seconds\": [{List(times)}], " +
            $"\"cpu_seconds\": [{List(cpu)}], \"iterations\": {iterations}, \"peak_mb\": {peakMb:F1}}}"));
    }

    private static SupervisedMahalanobisLearner Create(string name, int? maxIter) => name switch
    {
        "Covariance" => new Covariance(),
        "LFDA" => new Lfda(),
        "NCA" => new Nca(maxIterations: maxIter ?? 100),
        "MLKR" => new Mlkr(maxIterations: maxIter ?? 1000),
        "LMNN" => new Lmnn(maxIterations: maxIter ?? 1000, minIterations: Math.Min(50, maxIter ?? 50)),
        "ITML_Supervised" => new ItmlSupervised(maxIterations: maxIter ?? 1000),
        "MMC_Supervised" => new MmcSupervised(maxIterations: maxIter ?? 100),
        "MMC_Supervised_diagonal" => new MmcSupervised(maxIterations: maxIter ?? 100, diagonal: true),
        "RCA_Supervised" => new RcaSupervised(),
        "LSML_Supervised" => new LsmlSupervised(maxIterations: maxIter ?? 1000),
        "SDML_Supervised" => new SdmlSupervised(),
        "SCML_Supervised" => new ScmlSupervised(maxIterations: maxIter ?? 10000),
        _ => throw new ArgumentException($"--maha-table: unknown learner '{name}'."),
    };
}
