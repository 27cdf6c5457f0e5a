using System.Numerics.Tensors;
using Tango.Core;
using Tango.Search.Kernels;

namespace Tango.Search.Clustering;

/// <summary>
/// Greedy k-means++ seeding (Arthur &amp; Vassilvitskii 2007; the greedy variant of scikit-learn's
/// <c>_kmeans_plusplus</c>): the first centroid is uniform; each next one draws 2 + ⌊ln k⌋ candidates with
/// probability ∝ D(x)², the squared distance to the nearest centroid so far, and keeps the candidate that leaves
/// the smallest Σ D(x)². Candidate-to-point distances come from the GEMM.
/// </summary>
internal static class KMeansPlusPlus
{
    // x: (n, d) -> centroids: (k, d)
    public static float[] Pick(ReadOnlySpan<float> x, int d, int k, Rng rng)
    {
        int n = x.Length / d, trials = 2 + (int)Math.Log(k);
        var norms = new float[n];
        for (int i = 0; i < n; i++)
        {
            norms[i] = TensorPrimitives.SumOfSquares(x.Slice(i * d, d));
        }

        var centroids = new float[k * d];
        int first = rng.NextInt(n);
        x.Slice(first * d, d).CopyTo(centroids);
        var closest = new float[n];
        SquaredDistances(x, norms, d, [first], closest);
        double potential = Sum(closest);
        var candidates = new int[trials];
        var dist = new float[trials * n];
        for (int c = 1; c < k; c++)
        {
            Draw(closest, potential, rng, candidates);
            SquaredDistances(x, norms, d, candidates, dist);
            int best = 0;
            double bestPotential = double.PositiveInfinity;
            for (int t = 0; t < trials; t++)
            {
                var row = dist.AsSpan(t * n, n);
                TensorPrimitives.Min(row, closest, row);
                double p = Sum(row);
                if (p < bestPotential)
                {
                    (best, bestPotential) = (t, p);
                }
            }

            dist.AsSpan(best * n, n).CopyTo(closest);
            potential = bestPotential;
            x.Slice(candidates[best] * d, d).CopyTo(centroids.AsSpan(c * d, d));
        }

        return centroids;
    }

    // Inverse-CDF sampling of D(x)²; with every D(x)² = 0 (duplicates) it falls back to uniform draws.
    private static void Draw(float[] closest, double potential, Rng rng, int[] candidates)
    {
        for (int t = 0; t < candidates.Length; t++)
        {
            if (!(potential > 0))
            {
                candidates[t] = rng.NextInt(closest.Length);
                continue;
            }

            double target = rng.NextDouble() * potential, cumulative = 0;
            int i = 0;
            for (; i < closest.Length - 1; i++)
            {
                cumulative += closest[i];
                if (cumulative > target)
                {
                    break;
                }
            }

            candidates[t] = i;
        }
    }

    // x: (n, d), norms: (n) ‖x‖², rows: (t) indices into x -> dist: (t, n) = max(0, ‖x_r‖² + ‖x_j‖² − 2 x_r·x_j)
    private static void SquaredDistances(ReadOnlySpan<float> x, float[] norms, int d, int[] rows, float[] dist)
    {
        int n = norms.Length;
        var q = new float[rows.Length * d];
        for (int t = 0; t < rows.Length; t++)
        {
            x.Slice(rows[t] * d, d).CopyTo(q.AsSpan(t * d, d));
        }

        QueryGemm.Multiply(q, rows.Length, x, n, d, dist, n, parallel: true);
        for (int t = 0; t < rows.Length; t++)
        {
            var row = dist.AsSpan(t * n, n);
            TensorPrimitives.Multiply(row, -2f, row);
            TensorPrimitives.Add(row, norms, row);
            TensorPrimitives.Add(row, norms[rows[t]], row);
            TensorPrimitives.Max(row, 0f, row);
        }
    }

    private static double Sum(ReadOnlySpan<float> x)
    {
        double s = 0;
        foreach (float v in x)
        {
            s += v;
        }

        return s;
    }
}
