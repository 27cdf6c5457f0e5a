using System.Numerics.Tensors;

namespace Tango.Search.Kernels;

/// <summary>
/// The pieces every index shares around the tile scan: per-corpus-vector terms of the ranking score (see
/// <see cref="IScoreTransform"/>), query preparation, and turning finished heaps into a <see cref="KnnResult"/>.
/// </summary>
internal static class Scoring
{
    /// <summary>ε of the cosine denominator max(‖x‖, ε), as PyTorch's F.normalize.</summary>
    public const float CosineEps = 1e-12f;

    /// <summary>The per-vector term for the metric from ‖x‖², or 0 where the metric uses none.</summary>
    public static float Term(MetricKind metric, float squaredNorm) => metric switch
    {
        MetricKind.Cosine => 1f / MathF.Max(MathF.Sqrt(squaredNorm), CosineEps),
        MetricKind.SquaredL2 or MetricKind.L2 => -0.5f * squaredNorm,
        _ => 0f,
    };

    // queries: (m, d) -> a private copy, rows scaled to unit norm for cosine; squaredNorms: (m) ‖q‖² for L2
    public static float[] PrepareQueries(MetricKind metric, ReadOnlySpan<float> queries, int d,
        out float[]? squaredNorms)
    {
        var q = queries.ToArray();
        int m = q.Length / d;
        squaredNorms = null;
        if (metric == MetricKind.Cosine)
        {
            for (int i = 0; i < m; i++)
            {
                var row = q.AsSpan(i * d, d);
                TensorPrimitives.Multiply(row, 1f / MathF.Max(TensorPrimitives.Norm(row), CosineEps), row);
            }
        }
        else if (metric is MetricKind.SquaredL2 or MetricKind.L2)
        {
            squaredNorms = new float[m];
            for (int i = 0; i < m; i++)
            {
                squaredNorms[i] = TensorPrimitives.SumOfSquares(q.AsSpan(i * d, d));
            }
        }

        return q;
    }

    // heapScores, heapIds: (m, k) heaps of ranking scores -> sorted best first, in the metric's units
    public static KnnResult Finish(MetricKind metric, float[] heapScores, int[] heapIds, int m, int k,
        float[]? querySquaredNorms)
    {
        for (int i = 0; i < m; i++)
        {
            var s = heapScores.AsSpan(i * k, k);
            NeighborHeap.SortBestFirst(s, heapIds.AsSpan(i * k, k));
            if (querySquaredNorms is null)
            {
                continue;
            }

            // ‖q − x‖² = ‖q‖² − 2(q·x − ‖x‖²/2); rounding can make it slightly negative for near-duplicates.
            float qn = querySquaredNorms[i];
            for (int t = 0; t < k; t++)
            {
                float d2 = MathF.Max(0f, qn - 2f * s[t]);
                s[t] = metric == MetricKind.L2 ? MathF.Sqrt(d2) : d2;
            }
        }

        return new KnnResult(m, k, metric, heapIds, heapScores);
    }
}
