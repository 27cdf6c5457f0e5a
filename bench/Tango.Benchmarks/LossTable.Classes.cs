using Tango.Core;
using Tango.Losses;
using Tango.Losses.Miners;

namespace Tango.Benchmarks;

internal static partial class LossTable
{
    /// <summary>
    /// Losses that own class parameters, built for each size from (classes, dim) with PML's defaults (PML's timing
    /// script builds them with num_classes = C and embedding_size = D the same way).
    /// </summary>
    public static readonly (string Name, Func<int, int, IMetricLoss> Loss)[] ClassCases =
    [
        ("ProxyAnchorLoss", (c, d) => new ProxyAnchorLoss(c, d, rng: new Rng(0))),
        ("ProxyNCALoss", (c, d) => new ProxyNcaLoss(c, d, rng: new Rng(0))),
        ("ArcFaceLoss", (c, d) => new ArcFaceLoss(c, d, rng: new Rng(0))),
        ("CosFaceLoss", (c, d) => new CosFaceLoss(c, d, rng: new Rng(0))),
        ("SoftTripleLoss", (c, d) => new SoftTripleLoss(c, d, rng: new Rng(0))),
        ("SphereFaceLoss", (c, d) => new SphereFaceLoss(c, d, rng: new Rng(0))),
        ("LargeMarginSoftmaxLoss", (c, d) => new LargeMarginSoftmaxLoss(c, d, rng: new Rng(0))),
        ("NormalizedSoftmaxLoss", (c, d) => new NormalizedSoftmaxLoss(c, d, rng: new Rng(0))),
        ("SubCenterArcFaceLoss", (c, d) => new SubCenterArcFaceLoss(c, d, rng: new Rng(0))),
        ("P2SGradLoss", (c, d) => new P2SGradLoss(c, d, rng: new Rng(0))),
    ];

    private static IEnumerable<(string Name, Func<IMetricLoss> Loss, Func<Miner>? Miner)> ForSize(
        (string Name, Func<int, int, IMetricLoss> Loss)[] cases, int classes, int dim) =>
        cases.Select(c => (c.Name, (Func<IMetricLoss>)(() => c.Loss(classes, dim)), (Func<Miner>?)null));
}
