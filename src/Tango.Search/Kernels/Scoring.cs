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

    // queries: (m, d) -> ‖q‖² per row for the L2 metrics (their distances need it), else null
    public static float[]? QueryNorms(MetricKind metric, ReadOnlySpan<float> queries, int d)
    {
        if (metric is not (MetricKind.SquaredL2 or MetricKind.L2))
        {
            return null;
        }

        var norms = new float[queries.Length / d];
        for (int i = 0; i < norms.Length; i++)
        {
            norms[i] = TensorPrimitives.SumOfSquares(queries.Slice(i * d, d));
        }

        return norms;
    }

    // queries: (m, d) -> for cosine a pooled copy with unit rows (give it back with ReturnQueries), else null
    public static float[]? NormalizedQueries(MetricKind metric, ReadOnlySpan<float> queries, int d)
    {
        if (metric != MetricKind.Cosine)
        {
            return null;
        }

        var q = System.Buffers.ArrayPool<float>.Shared.Rent(Math.Max(queries.Length, 1));
        for (int i = 0; i < queries.Length / d; i++)
        {
            var row = q.AsSpan(i * d, d);
            var x = queries.Slice(i * d, d);
            TensorPrimitives.Multiply(x, 1f / MathF.Max(TensorPrimitives.Norm(x), CosineEps), row);
        }

        return q;
    }

    public static void ReturnQueries(float[]? normalized)
    {
        if (normalized is not null)
        {
            System.Buffers.ArrayPool<float>.Shared.Return(normalized);
        }
    }

    // heapScores, heapIds: (m, k) heaps of ranking scores -> sorted best first, in the metric's units
    public static KnnResult Finish(MetricKind metric, float[] heapScores, int[] heapIds, int m, int k,
        float[]? querySquaredNorms)
    {
        for (int i = 0; i < m; i++)
        {
            var s = heapScores.AsSpan(i * k, k);
            NeighborHeap.SortBestFirstFast(s, heapIds.AsSpan(i * k, k));
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
