using System.CommandLine;
using System.Diagnostics;
using Tango.Core;
using Tango.Core.Kernels;

namespace Tango.Cli;

/// <summary>
/// `tango train`. Until the training loop lands, it prints the library version and runs a matmul self-check:
/// the fast SGEMM against the naive reference on a seeded problem, with its speed.
/// </summary>
internal static class TrainCommand
{
    public static Command Build()
    {
        var size = new Option<int>("--size") { Description = "Side of the square matmul self-check.", DefaultValueFactory = _ => 512 };
        var command = new Command("train", "Train an embedding model (for now: version and a matmul self-check).") { size };
        command.SetAction(parse => Run(parse.GetValue(size)));
        return command;
    }

    private static int Run(int n)
    {
        if (n < 1 || n > 8192)
        {
            Console.Error.WriteLine($"tango train: --size must be between 1 and 8192; got {n}.");
            return 2;
        }

        var version = typeof(Tensor).Assembly.GetName().Version;
        Console.WriteLine($"Tango {version} on .NET {Environment.Version}, {Environment.ProcessorCount} cores");
        var rng = new Rng(42);
        var a = Tensor.RandomNormal(rng, n, n);
        var b = Tensor.RandomNormal(rng, n, n);
        var c = a.MatMul(b); // warm-up and result
        var sw = Stopwatch.StartNew();
        const int reps = 3;
        for (int i = 0; i < reps; i++)
        {
            c = a.MatMul(b);
        }

        double seconds = sw.Elapsed.TotalSeconds / reps;
        double maxErr = MaxErrorAgainstReference(a, b, c, n);
        double gflops = 2.0 * n * n * n / seconds / 1e9;
        bool ok = maxErr < 1e-3;
        Console.WriteLine($"matmul {n}x{n}: {gflops:F1} GFLOP/s, max |error| vs reference on sampled rows {maxErr:E2}: " +
                          (ok ? "OK" : "FAILED"));
        return ok ? 0 : 1;
    }

    // Checks 8 rows of C against the double-accumulating reference (the full reference is O(n^3) and slow).
    private static double MaxErrorAgainstReference(Tensor a, Tensor b, Tensor c, int n)
    {
        double maxErr = 0;
        var row = new float[n];
        for (int r = 0; r < n; r += Math.Max(1, n / 8))
        {
            GemmReference.Sgemm(false, false, 1, n, n, 1f, a.Span[(r * n)..], n, b.Span, n, 0f, row, n);
            for (int j = 0; j < n; j++)
            {
                maxErr = Math.Max(maxErr, Math.Abs(row[j] - c.Span[r * n + j]) / Math.Sqrt(n));
            }
        }

        return maxErr;
    }
}
