using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Kernels;
using Tango.Losses.Reducers;

namespace Tango.Losses.Regularizers;

/// <summary>
/// SoftTriple's centre regulariser (Qian et al. 2019, "SoftTriple Loss", eq. 12; PML's
/// <c>SparseCentersRegularizer</c>): for every pair of centres s &lt; t of the same class,
/// entry = √(2 + ε − 2·cos(w_s, w_t)) = ‖w_s − w_t‖ for unit centres (2·cos clamped at 2; ε the smallest normal
/// float, as PML), summed and divided by 2·(number of such pairs) by default. Small values let centres of a class
/// merge. Rows are the centres grouped by class (<see cref="CentersPerClass"/> consecutive rows per class).
/// </summary>
public sealed class SparseCentersRegularizer : Regularizer
{
    /// <summary>Creates the regulariser (PML defaults: cosine similarity, divisor reducer).</summary>
    public SparseCentersRegularizer(int numClasses, int centersPerClass, Distance? distance = null,
        Reducer? reducer = null)
        : base(distance ?? new CosineSimilarity(), reducer ?? new DivisorReducer())
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numClasses, 1);
        if (centersPerClass < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(centersPerClass),
                $"SparseCentersRegularizer: centersPerClass must be > 1 (it compares centres of a class); " +
                $"got {centersPerClass}.");
        }

        if (Distance is not CosineSimilarity)
        {
            throw new ArgumentException($"SparseCentersRegularizer requires a CosineSimilarity; got {Distance}.",
                nameof(distance));
        }

        NumClasses = numClasses;
        CentersPerClass = centersPerClass;
    }

    // torch.finfo(float32).tiny, PML's small_val: keeps the square root's argument positive in exact arithmetic.
    private const float SmallestNormal = 1.17549435e-38f;

    /// <summary>The number of classes.</summary>
    public int NumClasses { get; }

    /// <summary>Centres per class.</summary>
    public int CentersPerClass { get; }

    /// <inheritdoc/>
    // x: (classes·K, d) -> losses: (classes·K·(K − 1)/2)
    protected override SubLoss ComputeLoss(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        int k = CentersPerClass, n = NumClasses * k;
        if (x.Dim(0) != n)
        {
            throw new ArgumentException($"SparseCentersRegularizer: expected {NumClasses}·{k} = {n} centre rows; got " +
                $"{x.ShapeString}.", nameof(x));
        }

        // Same-class pairs s < t in row-major order of the (n, n) similarity matrix, as PML's boolean mask.
        var (rows, cols) = (new List<int>(), new List<int>());
        for (int s = 0; s < n; s++)
        {
            for (int t = s + 1; t < (s / k + 1) * k; t++)
            {
                rows.Add(s);
                cols.Add(t);
            }
        }

        var sim = LossOps.GatherPairs(Distance.Matrix(x), [.. rows], [.. cols]);
        var losses = sim.Mul(2f).ClampMax(2f).Neg().Add(2f + SmallestNormal).Sqrt();
        return SubLoss.PerElement("loss", losses, RowIndices(rows.Count), divisor: 2f * rows.Count);
    }
}
