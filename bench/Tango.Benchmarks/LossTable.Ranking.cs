using Tango.Core;
using Tango.Losses;
using Tango.Losses.Miners;

namespace Tango.Benchmarks;

internal static partial class LossTable
{
    /// <summary>
    /// The ranking, histogram and self-supervised losses, built per size from (batch, dim, classes) with PML's
    /// defaults. ManifoldLoss gets no labels (random meta-classes each call, as PML's <c>loss(emb)</c>); VICReg's
    /// second view is the batch plus N(0, 0.5²) noise, fixed per size (bench/compare/pml_rank_losses.py builds the
    /// same). DynamicSoftMarginLoss keeps its running histogram across calls (PML must detach it between calls).
    /// </summary>
    public static readonly (string Name, Func<int, int, int, IMetricLoss> Loss)[] RankingCases =
    [
        ("AngularLoss", (_, _, _) => new AngularLoss()),
        ("DynamicSoftMarginLoss", (_, _, _) => new DynamicSoftMarginLoss()),
        ("FastAPLoss", (_, _, _) => new FastApLoss()),
        ("HistogramLoss", (_, _, _) => new HistogramLoss()),
        ("InstanceLoss", (_, _, _) => new InstanceLoss()),
        ("ManifoldLoss", (_, d, _) => new WithoutLabels(new ManifoldLoss(d, rng: new Rng(0)))),
        ("NPairsLoss", (_, _, _) => new NPairsLoss()),
        ("PNPLoss", (_, _, _) => new PnpLoss()),
        ("RankedListLoss", (_, _, _) => new RankedListLoss(0.4f, 10f)),
        ("ThresholdConsistentMarginLoss", (_, _, _) => new ThresholdConsistentMarginLoss()),
        ("VICRegLoss", (b, d, c) => new WithSecondView(new VicRegLoss(), SecondView(b, d, c))),
    ];

    private static IEnumerable<(string Name, Func<IMetricLoss> Loss, Func<Miner>? Miner)> ForSize(
        (string Name, Func<int, int, int, IMetricLoss> Loss)[] cases, int batch, int dim, int classes) =>
        cases.Select(c => (c.Name, (Func<IMetricLoss>)(() => c.Loss(batch, dim, classes)), (Func<Miner>?)null));

    // The benchmark batch (seed 0) plus N(0, 0.5²) noise from seed 1.
    private static Tensor SecondView(int batch, int dim, int classes)
    {
        var x = Inputs(batch, dim, classes, seed: 0).X.Detach();
        return x.Add(Tensor.RandomNormal(new Rng(1), batch, dim, std: 0.5f)).Detach();
    }

    private sealed class WithoutLabels(MetricLoss loss) : IMetricLoss
    {
        public Tensor Compute(Tensor embeddings, int[]? labels, IndexTuples? tuples = null) => loss.Compute(embeddings);
    }

    private sealed class WithSecondView(MetricLoss loss, Tensor view) : IMetricLoss
    {
        public Tensor Compute(Tensor embeddings, int[]? labels, IndexTuples? tuples = null) =>
            loss.Compute(embeddings, refEmbeddings: view);
    }
}
