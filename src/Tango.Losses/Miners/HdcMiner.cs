using Tango.Core;
using Tango.Losses.Distances;

namespace Tango.Losses.Miners;

/// <summary>
/// Hard-aware deeply cascaded mining (Yuan, Yang &amp; Zhang 2017, "Hard-Aware Deeply Cascaded Embedding"; PML's
/// <c>HDCMiner</c>): keeps the hardest ⌈<see cref="FilterPercentage"/>·count⌉ positive pairs (farthest) and
/// negative pairs (closest), hardest first. <see cref="Filter"/> applies the same cut to pairs mined earlier, which
/// is how cascades chain the miner.
/// </summary>
public sealed class HdcMiner : PairMiner
{
    /// <summary>Creates the miner (PML defaults: keep half, Euclidean distance).</summary>
    public HdcMiner(float filterPercentage = 0.5f, Distance? distance = null)
        : base(distance ?? new LpDistance())
    {
        if (!(filterPercentage > 0 && filterPercentage <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(filterPercentage),
                $"HdcMiner: filterPercentage must be in (0, 1]; got {filterPercentage}.");
        }

        FilterPercentage = filterPercentage;
    }

    /// <summary>The fraction of each kind of pair kept.</summary>
    public float FilterPercentage { get; }

    /// <summary>
    /// Keeps the hardest fraction of <paramref name="candidates"/> (PML's <c>set_idx_externally</c>).
    /// </summary>
    public PairIndices Filter(IndexTuples candidates, Tensor embeddings, int[] labels, Tensor? refEmbeddings = null,
        int[]? refLabels = null)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var input = Prepare(embeddings, labels, refEmbeddings, refLabels);
        candidates.Validate(input.BatchSize, input.ReferenceSize);
        using var _ = Tensor.NoGrad();
        return Keep(input, candidates.ToPairs());
    }

    /// <inheritdoc/>
    protected override PairIndices MinePairs(LossInput input) => Keep(input, input.Pairs());

    private PairIndices Keep(LossInput input, PairIndices pairs)
    {
        var mat = MatrixValues(input);
        int m = input.ReferenceSize;
        var (a1, p) = Hardest(mat, m, pairs.A1, pairs.P, farthest: true);
        var (a2, n) = Hardest(mat, m, pairs.A2, pairs.N, farthest: false);
        return new PairIndices(a1, p, a2, n);
    }

    // The ⌈fraction·k⌉ pairs with the largest "farness" (or closeness), in that order; ties keep list order.
    private (int[], int[]) Hardest(float[] mat, int m, int[] anchors, int[] others, bool farthest)
    {
        if (anchors.Length == 0)
        {
            return ([], []);
        }

        int keep = (int)Math.Ceiling(FilterPercentage * (double)anchors.Length);
        float sign = (farthest ? 1f : -1f) * Distance.Direction;
        var order = Enumerable.Range(0, anchors.Length)
            .OrderByDescending(k => sign * mat[anchors[k] * m + others[k]]).Take(keep).ToArray();
        return ([.. order.Select(k => anchors[k])], [.. order.Select(k => others[k])]);
    }
}
