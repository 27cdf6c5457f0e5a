using Tango.Losses.Distances;

namespace Tango.Losses.Tests.Contracts;

/// <summary>
/// A loss in the distance × loss gradient matrix: a factory taking the distance, and the names (from
/// <see cref="DistanceGradientCases.Distances"/>) of the distances it accepts; every other distance must be
/// rejected by its constructor with an <see cref="ArgumentException"/>.
/// </summary>
/// <param name="Name">Shown in test names.</param>
/// <param name="Create">Builds the loss around a distance (a fresh loss per call).</param>
/// <param name="Supported">The distances the loss accepts.</param>
/// <param name="Labels">The batch's labels (rows = labels.Length).</param>
/// <param name="Eps">Central-difference step; smaller for losses with bins (piecewise-linear kinks).</param>
/// <param name="Rtol">Relative tolerance of the check.</param>
/// <param name="Atol">Absolute tolerance of the check.</param>
/// <param name="Seed">Seed of the batch. RankedList is discontinuous by definition (a pair entering its positive or
/// negative set adds a weight of exp(0) = 1 to a normalising sum), so its batch is one where no pair sits within a
/// step of α or α − m.</param>
/// <param name="DetachedWeights">True where the loss, like PML, treats part of its own value as a constant
/// (Circle's α weights): its gradient is not the derivative of its value, and the finite-difference check of the
/// equivalent surrogate lives in the loss's own tests.</param>
public sealed record DistanceGradientCase(string Name, Func<Distance, IMetricLoss> Create,
    string[] Supported, int[] Labels, float Eps = 1e-3f, double Rtol = 2e-2, double Atol = 2e-3, ulong Seed = 17,
    bool DetachedWeights = false)
{
    /// <inheritdoc/>
    public override string ToString() => Name;
}
