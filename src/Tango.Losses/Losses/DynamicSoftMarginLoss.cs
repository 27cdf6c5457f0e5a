using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Kernels;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses;

/// <summary>
/// Dynamic soft margin loss (Zhang &amp; Rusinkiewicz 2019, "Learning Local Descriptors with a CDF-Based Dynamic
/// Soft Margin", ICCV; PML's <c>DynamicSoftMarginLoss</c>): each difference x = d_ap − d_an is weighted by the
/// cumulative distribution of the differences seen so far, L = mean_x CDF(x)·x, where the distribution is a
/// histogram of <see cref="NumBins"/> bins over [min, −min], kept across calls as an exponential moving average
/// (weight <see cref="Momentum"/> for the current batch; the first call takes the batch alone). With labels the
/// differences are those of all triplets (or of the given tuples as triplets); without labels, row i of the
/// embeddings and of the reference are a matching pair and the negative is the closest non-matching entry of row
/// or column i (PML's descriptor-matching mode). Already reduced.
/// The histogram is state: one instance per training run, not shared between threads.
/// </summary>
public sealed class DynamicSoftMarginLoss : MetricLoss
{
    private readonly double[] _histogram;

    /// <summary>Creates the loss (PML defaults: min −2, 10 bins, momentum 0.01, unit Euclidean distance).</summary>
    public DynamicSoftMarginLoss(float minVal = -2f, int numBins = 10, float momentum = 0.01f,
        Distance? distance = null, Reducer? reducer = null, Regularizer? embeddingRegularizer = null,
        float embeddingRegularizerWeight = 1f)
        : base(distance ?? new LpDistance(), reducer ?? new MeanReducer(), embeddingRegularizer,
            embeddingRegularizerWeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numBins);
        if (!float.IsFinite(minVal) || minVal == 0 || !(momentum is >= 0f and <= 1f))
        {
            throw new ArgumentOutOfRangeException(minVal == 0 || !float.IsFinite(minVal) ? nameof(minVal)
                : nameof(momentum), $"DynamicSoftMarginLoss: minVal must be finite and non-zero and momentum in " +
                $"[0, 1]; got {minVal} and {momentum}.");
        }

        if (Distance is not LpDistance { P: 2f, NormalizeEmbeddings: true })
        {
            throw new ArgumentException(
                "DynamicSoftMarginLoss needs a Euclidean LpDistance (p = 2) on normalised embeddings; got " +
                $"{Distance}.");
        }

        MinVal = minVal;
        NumBins = numBins;
        Momentum = momentum;
        _histogram = new double[numBins];
    }

    /// <summary>The lower end of the histogram's range [min, −min].</summary>
    public float MinVal { get; }

    /// <summary>The number of bins.</summary>
    public int NumBins { get; }

    /// <summary>The weight of the current batch in the running histogram.</summary>
    public float Momentum { get; }

    /// <summary>The bin width 2·|min| / bins.</summary>
    public float Delta => 2f * Math.Abs(MinVal) / NumBins;

    /// <summary>The running histogram (all zeros before the first call; sums to 1 after).</summary>
    public IReadOnlyList<float> Histogram => [.. _histogram.Select(h => (float)h)];

    /// <summary>Forgets the running histogram: the next call starts afresh.</summary>
    public void ResetHistogram() => Array.Clear(_histogram);

    /// <inheritdoc/>
    protected override SubLosses ComputeSubLosses(LossInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var mat = input.Matrix(Distance);
        int m = input.ReferenceSize;
        var set = input.Labels is null
            ? MatchingDifferences(mat)
            : input.Tuples is null
                ? DifferenceSet.AllTriplets(LabelGroups.Create(input.Labels, input.ReferenceLabels!,
                    input.ExcludeSelf), m)
                : DifferenceSet.Of(input.Triplets(), m);
        if (set is null || set.Count == 0)
        {
            return ZeroSubLosses();
        }

        var bins = new DynamicSoftMarginKernel.Bins(MinVal, Delta, NumBins);
        var value = DynamicSoftMarginKernel.Forward(mat, set, bins, _histogram, Momentum);
        return new SubLosses([SubLoss.Reduced("loss", value)]);
    }

    // PML's compute_loss_without_labels: for i < max(r, c), x_i = d_pos − d_neg with d_pos = mat[i, i] (0 past the
    // diagonal) and d_neg = min(closest off-diagonal entry of column i, of row i), each 0 where i is past that side.
    // Null when some i has no candidate at all (a 1 × 1 matrix).
    private static DifferenceSet? MatchingDifferences(Tensor mat)
    {
        int r = mat.Dim(0), c = mat.Dim(1), count = Math.Max(r, c);
        var v = mat.Buffer;
        var pos = new int[count];
        var neg = new int[count];
        for (int i = 0; i < count; i++)
        {
            pos[i] = i < Math.Min(r, c) ? i * c + i : -1;
            int column = i < c ? Closest(v, Enumerable.Range(0, r).Where(k => k != i).Select(k => k * c + i)) : -1;
            int row = i < r ? Closest(v, Enumerable.Range(0, c).Where(k => k != i).Select(k => i * c + k)) : -1;
            float columnValue = i < c ? (column < 0 ? float.PositiveInfinity : v[column]) : 0f;
            float rowValue = i < r ? (row < 0 ? float.PositiveInfinity : v[row]) : 0f;
            if (float.IsPositiveInfinity(Math.Min(columnValue, rowValue)))
            {
                return null;
            }

            neg[i] = columnValue <= rowValue ? column : row;
        }

        return DifferenceSet.Flat(pos, neg, c);
    }

    private static int Closest(float[] v, IEnumerable<int> at)
    {
        int best = -1;
        foreach (int k in at)
        {
            if (best < 0 || v[k] < v[best])
            {
                best = k;
            }
        }

        return best;
    }
}
