using Tango.Core;

namespace Tango.Losses.Retrieval;

/// <summary>The row-by-row distances of <see cref="SiameseDistanceMetric"/>.</summary>
internal static class SiameseDistances
{
    // a, b: (n, d) -> (n)
    public static Tensor Compute(SiameseDistanceMetric metric, Tensor a, Tensor b) => metric switch
    {
        SiameseDistanceMetric.CosineDistance => Columns.PairwiseCosine(a, b).Neg().Add(1f),
        SiameseDistanceMetric.Euclidean => a.Sub(b).Add(1e-6f).Square().Sum(1).Sqrt(),
        SiameseDistanceMetric.Manhattan => a.Sub(b).Add(1e-6f).Abs().Sum(1),
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown siamese distance metric."),
    };
}
