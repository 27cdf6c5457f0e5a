using System.Diagnostics;
using System.Globalization;
using Tango.Core;
using Tango.Core.Memory;
using Tango.Losses;
using Tango.Losses.Contrastive;

namespace Tango.Benchmarks;

/// <summary>
/// <c>--seed-loss-table</c>: forward + backward time of the seed-paper contrastive losses (all pairs from the
/// labels) next to NT-Xent, on <see cref="LossTable.Inputs"/> (B=256 D=128 with 32 classes, B=1024 D=512 with 128
/// classes: 8 rows per class). Median of N runs after warm-ups, each in a TensorScope; "alloc" is the first
/// step's allocation. Options: <c>--runs N</c>, <c>--warmup N</c>, <c>--size 1024x512</c>, <c>--case NAME</c> (one
/// row, for bench/compare/seed_losses.py; skips the basis timing).
/// </summary>
internal static class SeedLossTable
{
    private static readonly (string Name, Func<IMetricLoss> Loss)[] Cases =
    [
        ("NtXentLoss (reference)", () => new NtXentLoss()),
        ("DecoupledContrastiveLoss", () => new DecoupledContrastiveLoss()),
        ("DecoupledContrastiveLoss(weighted)", () => new DecoupledContrastiveLoss(weightSigma: 0.5f)),
        ("DebiasedContrastiveLoss", () => new DebiasedContrastiveLoss()),
        ("HardNegativeContrastiveLoss", () => new HardNegativeContrastiveLoss()),
        ("AlignmentUniformityLoss", () => new AlignmentUniformityLoss()),
        ("MannWhitneyLoss", () => new MannWhitneyLoss()),
        ("MochiLoss(N=64, s=32)", () => new MochiLoss(hardestCount: 64, mixCount: 32, rng: new Rng(0))),
    ];

    public static void Run(string[] args)
    {
        int runs = Options.Int(args, "--runs", 10);
        int warmup = Options.Int(args, "--warmup", 2);
        string size = Options.String(args, "--size", "");
        string only = Options.String(args, "--case", "");
        (int Batch, int Dim, int Classes)[] sizes = [(256, 128, 32), (1024, 512, 128)];
        Console.WriteLine($"Seed loss table: forward+backward, median of {runs} after {warmup} warm-ups, " +
            $"{Environment.ProcessorCount} cores");
        Console.WriteLine("| loss | B | D | median ms | min ms | alloc MB |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var (batch, dim, classes) in sizes.Where(s => size.Length == 0 || $"{s.Batch}x{s.Dim}" == size))
        {
            var (x, labels) = LossTable.Inputs(batch, dim, classes, seed: 0);
            foreach (var (name, make) in Cases.Where(c => only.Length == 0 || c.Name == only))
            {
                var loss = make();
                long before = GC.GetTotalAllocatedBytes(precise: true);
                Step(loss, x, labels);
                double alloc = (GC.GetTotalAllocatedBytes(precise: true) - before) / 1048576.0;
                for (int i = 1; i < warmup; i++)
                {
                    Step(loss, x, labels);
                }

                var times = new double[runs];
                for (int i = 0; i < runs; i++)
                {
                    var sw = Stopwatch.StartNew();
                    Step(loss, x, labels);
                    times[i] = sw.Elapsed.TotalMilliseconds;
                }

                Array.Sort(times);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {batch} | {dim} | {times[runs / 2]:F2} | {times[0]:F2} | {alloc:F1} |"));
            }
        }

        if (only.Length > 0)
        {
            return;
        }

        // One-time basis generation of EquiangularBasisLoss: the cost of a step at ImageNet-like sizes.
        var watch = Stopwatch.StartNew();
        EquiangularBasis.Generate(1000, 512, new Rng(0), steps: 20);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"EquiangularBasis.Generate(1000 classes, dim 512): {watch.Elapsed.TotalMilliseconds / 20:F1} ms/step"));
    }

    private static void Step(IMetricLoss loss, Tensor x, int[] labels)
    {
        x.Grad = null;
        using var scope = TensorScope.Begin();
        loss.Compute(x, labels).Backward();
    }
}
