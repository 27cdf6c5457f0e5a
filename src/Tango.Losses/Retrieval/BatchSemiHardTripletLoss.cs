using Tango.Core;
using Tango.Losses.Kernels;

namespace Tango.Losses.Retrieval;

/// <summary>
/// Batch semi-hard triplet loss (Schroff et al. 2015, "FaceNet", §3.2; sentence-transformers'
/// <c>BatchSemiHardTripletLoss</c>, after TensorFlow Addons): for every positive pair (a, p) the negative is the
/// closest one still farther than p, d(a, n) &gt; d(a, p); if there is none, the farthest negative of a. The loss is
/// Σ max(d(a, p) − d(a, n) + m, 0) divided by the number of positive pairs.
/// </summary>
public sealed class BatchSemiHardTripletLoss : IColumnLoss
{
    /// <summary>Creates the loss (sentence-transformers' defaults: Euclidean, margin 5).</summary>
    public BatchSemiHardTripletLoss(BatchTripletDistance distance = BatchTripletDistance.Euclidean, float margin = 5f)
    {
        if (!float.IsFinite(margin))
        {
            throw new ArgumentOutOfRangeException(nameof(margin), $"BatchSemiHardTripletLoss: margin must be " +
                $"finite; got {margin}.");
        }

        Distance = distance;
        Margin = margin;
    }

    /// <summary>The distance matrix.</summary>
    public BatchTripletDistance Distance { get; }

    /// <summary>The margin m.</summary>
    public float Margin { get; }

    /// <inheritdoc/>
    public Tensor Compute(IReadOnlyList<Tensor> columns, Tensor? labels = null)
    {
        var (x, y) = BatchTriplets.Input(nameof(BatchSemiHardTripletLoss), columns, labels);
        var dist = BatchTriplets.Matrix(Distance, x);
        var (anchors, positives, negatives) = Select(dist.ToArray(), y);
        if (anchors.Length == 0)
        {
            return LossOps.ZeroLoss(x);
        }

        return LossOps.GatherPairs(dist, anchors, positives).Sub(LossOps.GatherPairs(dist, anchors, negatives))
            .Add(Margin).Relu().Sum().Mul(1f / anchors.Length);
    }

    // Each positive pair with its semi-hard negative (or the farthest negative, or the anchor itself without any).
    private static (int[] A, int[] P, int[] N) Select(float[] d, int[] labels)
    {
        int n = labels.Length;
        List<int> a = [], p = [], neg = [];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (j == i || labels[j] != labels[i])
                {
                    continue;
                }

                int semi = -1, farthest = -1;
                for (int k = 0; k < n; k++)
                {
                    if (labels[k] == labels[i])
                    {
                        continue;
                    }

                    float v = d[i * n + k];
                    semi = v > d[i * n + j] && (semi < 0 || v < d[i * n + semi]) ? k : semi;
                    farthest = farthest < 0 || v > d[i * n + farthest] ? k : farthest;
                }

                a.Add(i);
                p.Add(j);
                neg.Add(semi >= 0 ? semi : farthest >= 0 ? farthest : i);
            }
        }

        return ([.. a], [.. p], [.. neg]);
    }
}
