using Tango.Core;
using Tango.Losses.Kernels;

namespace Tango.Losses.Retrieval;

/// <summary>What the batch triplet losses share: validation, the distance matrix and label masks.</summary>
internal static class BatchTriplets
{
    /// <summary>The single column and its integer class labels.</summary>
    public static (Tensor X, int[] Labels) Input(string who, IReadOnlyList<Tensor> columns, Tensor? labels)
    {
        Columns.Require(who, columns, 1, 1);
        int n = columns[0].Dim(0);
        var y = Columns.IntLabels(who, Columns.RequireLabels(who, labels, n, "one class label per row"));
        return (columns[0], y);
    }

    /// <summary>The (n, n) distance matrix.</summary>
    public static Tensor Matrix(BatchTripletDistance distance, Tensor x) => distance switch
    {
        BatchTripletDistance.Euclidean => LossOps.PairwiseMatrix(x, null, PairwiseKind.Euclidean, normalize: false),
        BatchTripletDistance.Cosine => LossOps.PairwiseMatrix(x, null, PairwiseKind.Dot, normalize: true).Neg().Add(1f),
        _ => throw new ArgumentOutOfRangeException(nameof(distance), distance, "Unknown batch triplet distance."),
    };

    /// <summary>
    /// Per anchor, the hardest positive (largest distance to a same-label row, or none) and the hardest negative
    /// (smallest distance to another label's row, or none), as sentence-transformers' BatchHardTripletLoss picks them.
    /// </summary>
    public static (Tensor HardestPositive, Tensor HardestNegative) Hardest(Tensor dist, int[] labels)
    {
        int n = labels.Length;
        var d = dist.Span;
        var rows = Enumerable.Range(0, n).ToArray();
        var pos = new int[n];
        var neg = new int[n];
        var hasPos = new float[n];
        var hasNeg = new float[n];
        for (int a = 0; a < n; a++)
        {
            float best = float.NegativeInfinity, least = float.PositiveInfinity;
            for (int j = 0; j < n; j++)
            {
                float v = d[a * n + j];
                if (labels[j] == labels[a] && j != a && v > best)
                {
                    (best, pos[a]) = (v, j);
                }

                if (labels[j] != labels[a] && v < least)
                {
                    (least, neg[a]) = (v, j);
                }
            }

            hasPos[a] = float.IsNegativeInfinity(best) ? 0f : 1f;
            hasNeg[a] = float.IsPositiveInfinity(least) ? 0f : 1f;
        }

        // Without a positive the hardest positive is 0; without a negative the loss term is never the hardest, so it
        // contributes nothing useful: it is left at 0 distance plus the row maximum, as sentence-transformers does.
        var hp = LossOps.GatherPairs(dist, rows, pos).Mul(Tensor.FromArray(hasPos));
        var hn = LossOps.GatherPairs(dist, rows, neg).Mul(Tensor.FromArray(hasNeg))
            .Add(dist.Max(1).Mul(Tensor.FromArray([.. hasNeg.Select(h => 1f - h)])));
        return (hp, hn);
    }
}
