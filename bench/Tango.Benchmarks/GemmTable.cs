using System.Diagnostics;
using System.Globalization;
using Tango.Core.Kernels;

namespace Tango.Benchmarks;

/// <summary>
/// `--gemm-table`: a plain GFLOP/s table of Tango vs OpenBLAS, 1 and 2 threads. Each repetition times every
/// contender once (short batches, interleaved), so background load hits all of them alike; shown are the median
/// GFLOP/s over repetitions and the median of the per-repetition ratios Tango / OpenBLAS.
/// </summary>
internal static class GemmTable
{
    private const double BatchSeconds = 0.05;

    public static void Run(string[] args)
    {
        int reps = Options.Int(args, "--reps", 15);
        bool best = args.Contains("--best");
        var path = Enum.Parse<GemmPath>(Options.String(args, "--path", "Auto"), ignoreCase: true);
        var only = Options.String(args, "--shape", "");
        bool small = args.Contains("--small");
        var shapes = (small ? GemmShape.Small : GemmShape.Standard)
            .Where(s => s.Name.Contains(only, StringComparison.OrdinalIgnoreCase));
        Console.WriteLine($"CPU: {CpuModel()}, {Environment.ProcessorCount} logical cores; Tango kernel " +
                          $"{(path == GemmPath.Auto ? Gemm.BestPath() : path)}; OpenBLAS " +
                          (OpenBlas.IsAvailable ? OpenBlas.CoreName : "not found") +
                          $"; {(best ? "best" : "median")} of {reps} reps");
        Console.WriteLine(small
            ? $"{"shape",-36} {"Tango",9} {"direct",9} {"blocked",9} {"OBLAS 1T",9} {"ratio",8}   GFLOP/s, 1 thread"
            : $"{"shape",-36} {"Tango 1T",9} {"Tango 2T",9} {"OBLAS 1T",9} {"OBLAS 2T",9} " +
              $"{"1T ratio",8} {"2T ratio",8}   GFLOP/s");
        foreach (var shape in shapes)
        {
            if (small)
            {
                var r = Measure(shape, reps, path, best, small: true);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{shape.Name,-36} {r[0],9:F1} {r[1],9:F1} {r[2],9:F1} {r[3],9:F1} {r[4],8:F2}"));
                continue;
            }

            var row = Measure(shape, reps, path, best, small: false);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{shape.Name,-36} {row[0],9:F1} {row[1],9:F1} {row[2],9:F1} {row[3],9:F1} " +
                $"{row[4],8:F2} {row[5],8:F2}"));
        }
    }

    // Median (or best) GFLOP/s of Tango 1T, Tango 2T, OpenBLAS 1T, OpenBLAS 2T, then the paired ratios 1T and 2T
    // (NaN without OpenBLAS); for small shapes Tango (automatic choice), Tango direct, Tango blocked, OpenBLAS,
    // all on one thread, and the paired ratio.
    private static double[] Measure(GemmShape s, int reps, GemmPath path, bool best, bool small)
    {
        var a = Random(1, s.TransA ? s.K * s.M : s.M * s.K);
        var b = Random(2, s.TransB ? s.N * s.K : s.K * s.N);
        var c = new float[s.M * s.N];
        Action<int, bool?> tango = (threads, direct) =>
            Gemm.Sgemm(s.TransA, s.TransB, s.M, s.N, s.K, 1f, a, s.Lda, b, s.Ldb, 0f, c, s.N, path, threads, direct);
        Action[] contenders = small
            ? [() => tango(1, null), () => tango(1, true), () => tango(1, false), () => OpenBlasCall(s, a, b, c, 1)]
            : [() => tango(1, null), () => tango(2, null), () => OpenBlasCall(s, a, b, c, 1),
                () => OpenBlasCall(s, a, b, c, 2)];
        int count = OpenBlas.IsAvailable ? 4 : small ? 3 : 2;
        var samples = new double[count][];
        var calls = new int[count];
        for (int i = 0; i < count; i++)
        {
            samples[i] = new double[reps];
            calls[i] = Calibrate(contenders[i]);
        }

        for (int r = 0; r < reps; r++)
        {
            IdleOpenBlasThreads();
            for (int i = 0; i < count; i++)
            {
                samples[i][r] = s.Flops * calls[i] / Time(contenders[i], calls[i]) / 1e9;
            }
        }

        double Rate(int i) => i >= count ? double.NaN : best ? samples[i].Max() : Median(samples[i]);
        double Ratio(int i, int j) => j >= count ? double.NaN
            : Median([.. Enumerable.Range(0, reps).Select(r => samples[i][r] / samples[j][r])]);
        return small
            ? [Rate(0), Rate(1), Rate(2), Rate(3), Ratio(0, 3)]
            : [Rate(0), Rate(1), Rate(2), Rate(3), Ratio(0, 2), Ratio(1, 3)];
    }

    // After a call OpenBLAS's idle workers busy-wait for 2^28 cycles (~0.1 s, OPENBLAS_THREAD_TIMEOUT) before
    // sleeping; measured right after OpenBLAS, Tango's two threads would share the cores with that spinning.
    // Each repetition therefore runs Tango first and starts after a pause longer than the spin.
    private static void IdleOpenBlasThreads()
    {
        if (OpenBlas.IsAvailable)
        {
            Thread.Sleep(150);
        }
    }

    private static void OpenBlasCall(GemmShape s, float[] a, float[] b, float[] c, int threads)
    {
        OpenBlas.SetThreads(threads);
        OpenBlas.Sgemm(s.TransA, s.TransB, s.M, s.N, s.K, 1f, a, s.Lda, b, s.Ldb, 0f, c, s.N);
    }

    // Warms up, then picks a call count that takes about BatchSeconds.
    private static int Calibrate(Action f)
    {
        f();
        double once = Math.Max(Time(f, 1), 1e-6);
        return Math.Max(1, (int)(BatchSeconds / once));
    }

    private static double Time(Action f, int calls)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < calls; i++)
        {
            f();
        }

        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static double Median(double[] x)
    {
        var sorted = x.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static float[] Random(int seed, int n)
    {
        var rng = new Random(seed);
        var x = new float[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = rng.NextSingle() * 2f - 1f;
        }

        return x;
    }

    private static string CpuModel()
    {
        const string key = "model name";
        var line = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal))
            : null;
        return line is null ? "unknown" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
