using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Tango.Core;
using Tango.Core.Memory;
using Tango.Losses;
using Tango.Losses.Miners;

namespace Tango.Benchmarks;

/// <summary>
/// <c>--loss-table</c>: forward + backward time of each loss (with its miner where the configuration has one) at
/// B=256 D=128 (32 classes) and B=1024 D=512 (128 classes), median of 20 after 3 warm-ups, the same configurations
/// and input generator as PML's timing script (labels a permutation of 8 per class, centres N(0, 0.7²), embeddings
/// centre + N(0, 1)). Each step runs in a TensorScope, as a training step would. "alloc" is the memory allocated by
/// the first (cold) step: with the graph alive until backward ends, it bounds the step's peak. "peak RSS" is the
/// process's peak working set (per configuration when run with <c>--case</c> in a fresh process, as the
/// side-by-side script does; cumulative otherwise).
/// Options: <c>--case NAME</c> (one configuration), <c>--size 256x128</c>, <c>--json</c> (one JSON line per result,
/// for bench/compare/pml_losses.py), <c>--runs N</c>, <c>--warmup N</c>.
/// </summary>
internal static partial class LossTable
{
    public static readonly (string Name, Func<IMetricLoss> Loss, Func<Miner>? Miner)[] Cases =
    [
        ("ContrastiveLoss", () => new ContrastiveLoss(), null),
        ("TripletMarginLoss(all triplets)", () => new TripletMarginLoss(), null),
        ("TripletMarginLoss+TripletMarginMiner(semihard)", () => new TripletMarginLoss(0.2f),
            () => new TripletMarginMiner(0.2f, TripletSelection.SemiHard)),
        ("TripletMarginLoss+BatchHardMiner", () => new TripletMarginLoss(0.2f), () => new BatchHardMiner()),
        ("MultiSimilarityLoss", () => new MultiSimilarityLoss(), null),
        ("MultiSimilarityLoss+MultiSimilarityMiner", () => new MultiSimilarityLoss(), () => new MultiSimilarityMiner()),
        ("CircleLoss", () => new CircleLoss(), null),
        ("NTXentLoss", () => new NtXentLoss(), null),
        ("SupConLoss", () => new SupConLoss(), null),
        ("LiftedStructureLoss", () => new LiftedStructureLoss(), null),
        ("GeneralizedLiftedStructureLoss", () => new GeneralizedLiftedStructureLoss(), null),
        ("MarginLoss(all triplets)", () => new MarginLoss(), null),
        ("NCALoss", () => new NcaLoss(), null),
        ("TupletMarginLoss", () => new TupletMarginLoss(), null),
        ("SignalToNoiseRatioContrastiveLoss", () => new SignalToNoiseRatioContrastiveLoss(), null),
        ("IntraPairVarianceLoss", () => new IntraPairVarianceLoss(), null),
    ];

    private static readonly (int Batch, int Dim, int Classes)[] Sizes = [(256, 128, 32), (1024, 512, 128)];

    public static void Run(string[] args)
    {
        string? only = Option(args, "--case");
        string? size = Option(args, "--size");
        bool json = args.Contains("--json");
        int runs = Options.Int(args, "--runs", 20);
        int warmup = Options.Int(args, "--warmup", 3);
        var sizes = size is null ? Sizes : Sizes.Where(s => $"{s.Batch}x{s.Dim}" == size).ToArray();
        var cases = only is null ? Cases : Cases.Where(c => c.Name == only).ToArray();
        var classCases = only is null ? ClassCases : ClassCases.Where(c => c.Name == only).ToArray();
        var rankingCases = RankingCases.Concat(WrapperCases).Where(c => only is null || c.Name == only).ToArray();
        if (sizes.Length == 0 || cases.Length + classCases.Length + rankingCases.Length == 0)
        {
            Console.Error.WriteLine($"Unknown --case or --size. Cases: " +
                $"{string.Join("; ", Cases.Select(c => c.Name).Concat(ClassCases.Select(c => c.Name))
                    .Concat(RankingCases.Select(c => c.Name)).Concat(WrapperCases.Select(c => c.Name)))}; " +
                "sizes: 256x128, 1024x512.");
            Environment.ExitCode = 2;
            return;
        }

        if (!json)
        {
            Console.WriteLine($"Tango loss table: forward+backward, median of {runs} after {warmup} warm-ups, " +
                $"{Environment.ProcessorCount} cores");
            Console.WriteLine("| loss | B | D | median ms | min ms | alloc MB | peak RSS MB |");
            Console.WriteLine("|---|---|---|---|---|---|---|");
        }

        foreach (var (batch, dim, classes) in sizes)
        {
            foreach (var c in cases.Concat(ForSize(classCases, classes, dim))
                .Concat(ForSize(rankingCases, batch, dim, classes)))
            {
                var r = Time(c.Loss, c.Miner, batch, dim, classes, runs, warmup);
                Console.WriteLine(json
                    ? JsonSerializer.Serialize(new
                    {
                        loss = c.Name, batch, dim, classes, ms_median = r.Median, ms_min = r.Min, alloc_mb = r.AllocMb,
                        peak_rss_mb = r.PeakRssMb, runs,
                    })
                    : string.Create(CultureInfo.InvariantCulture,
                        $"| {c.Name} | {batch} | {dim} | {r.Median:F2} | {r.Min:F2} | {r.AllocMb:F1} | " +
                        $"{r.PeakRssMb:F0} |"));
            }
        }
    }

    private static (double Median, double Min, double AllocMb, double PeakRssMb) Time(Func<IMetricLoss> makeLoss,
        Func<Miner>? makeMiner, int batch, int dim, int classes, int runs, int warmup)
    {
        var (x, labels) = Inputs(batch, dim, classes, seed: 0);
        var loss = makeLoss();
        var miner = makeMiner?.Invoke();
        long before = GC.GetTotalAllocatedBytes(precise: true);
        Step(loss, miner, x, labels);
        double allocMb = (GC.GetTotalAllocatedBytes(precise: true) - before) / 1048576.0;
        for (int i = 1; i < warmup; i++)
        {
            Step(loss, miner, x, labels);
        }

        var times = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            Step(loss, miner, x, labels);
            times[i] = sw.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        using var self = Process.GetCurrentProcess();
        return (times[runs / 2], times[0], allocMb, self.PeakWorkingSet64 / 1048576.0);
    }

    private static void Step(IMetricLoss loss, Miner? miner, Tensor x, int[] labels)
    {
        x.Grad = null;
        using var scope = TensorScope.Begin();
        var tuples = miner?.Mine(x, labels);
        loss.Compute(x, labels, tuples).Backward();
    }

    /// <summary>
    /// PML's make_inputs: labels a permutation of repeat(arange(C), B/C); x = 0.7·N(0,1)[labels] + N(0,1).
    /// </summary>
    public static (Tensor X, int[] Labels) Inputs(int batch, int dim, int classes, ulong seed)
    {
        var rng = new Rng(seed);
        var labels = Enumerable.Range(0, batch).Select(i => i % classes).ToArray();
        rng.Shuffle(labels.AsSpan());
        var centres = Tensor.RandomNormal(rng, classes, dim, std: 0.7f).ToArray();
        var values = new float[batch * dim];
        for (int i = 0; i < batch; i++)
        {
            for (int k = 0; k < dim; k++)
            {
                values[i * dim + k] = centres[labels[i] * dim + k] + rng.NextNormal();
            }
        }

        var x = Tensor.FromArray(values, batch, dim);
        x.RequiresGrad = true;
        return (x, labels);
    }

    private static string? Option(string[] args, string name)
    {
        string value = Options.String(args, name, "");
        return value.Length == 0 ? null : value;
    }
}
