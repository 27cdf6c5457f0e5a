using Tango.Search.Kernels;

namespace Tango.Search.Clustering;

/// <summary>
/// Lloyd iterations on a training set, as faiss's <c>Clustering::train</c>: assign (exact search, ties to the
/// lower centroid), recompute centroids as float sums in point order times 1/count, split empty clusters.
/// </summary>
internal sealed class Lloyd
{
    // faiss's split perturbation, "a bit above machine epsilon for float16".
    private const double SplitEps = 1.0 / 1024;

    private readonly QueryRows _x;
    private readonly int _d;
    private readonly int _n;
    private readonly int _k;
    private readonly MetricKind _metric;
    private readonly bool _spherical;

    // x: the (n, d) training points, pinned for the lifetime of this object
    public Lloyd(QueryRows x, int n, int d, int k, MetricKind metric, bool spherical)
    {
        _spherical = spherical;
        _x = x;
        _d = d;
        _n = n;
        _k = k;
        _metric = metric;
    }

    // centroids: (k, d), updated in place -> the iterations run. Once an assignment repeats with no split before
    // or after it, the centroids are a fixed point, so stopping early equals running all the iterations.
    public int Run(float[] centroids, int iterations)
    {
        int[]? previous = null;
        bool previousSplit = true;
        for (int it = 0; it < iterations; it++)
        {
            var index = new FlatIndex(_d, _metric);
            index.Add(centroids);
            var assign = index.Search(_x.Slice(0, _n * _d), 1).Ids;
            if (previous is not null && !previousSplit && assign.AsSpan().SequenceEqual(previous))
            {
                return it;
            }

            var counts = ComputeCentroids(assign, centroids);
            previousSplit = SplitEmpty(counts, centroids);
            if (_spherical)
            {
                Normalize(centroids, _d);
            }

            previous = assign;
        }

        return iterations;
    }

    // faiss's fvec_renorm_L2: each row times 1/‖row‖ (float), rows of norm 0 left alone.
    public static void Normalize(float[] centroids, int d)
    {
        for (int c = 0; c < centroids.Length / d; c++)
        {
            var row = centroids.AsSpan(c * d, d);
            float norm = System.Numerics.Tensors.TensorPrimitives.SumOfSquares(row);
            if (norm > 0)
            {
                System.Numerics.Tensors.TensorPrimitives.Multiply(row, 1f / MathF.Sqrt(norm), row);
            }
        }
    }

    private float[] ComputeCentroids(int[] assign, float[] centroids)
    {
        Array.Clear(centroids);
        var counts = new float[_k];
        for (int i = 0; i < _n; i++)
        {
            int c = assign[i];
            counts[c] += 1f;
            var ci = centroids.AsSpan(c * _d, _d);
            var xi = _x.Slice(i * _d, _d);
            for (int j = 0; j < _d; j++)
            {
                ci[j] += xi[j];
            }
        }

        for (int c = 0; c < _k; c++)
        {
            if (counts[c] != 0)
            {
                float norm = 1f / counts[c];
                var ci = centroids.AsSpan(c * _d, _d);
                for (int j = 0; j < _d; j++)
                {
                    ci[j] *= norm;
                }
            }
        }

        return counts;
    }

    // faiss's split_clusters: each empty cluster copies a cluster cj picked with probability (size − 1)/(n − k),
    // scanning cj cyclically with a fresh mt19937(1234); the two copies are pushed apart by ±1/1024.
    private bool SplitEmpty(float[] counts, float[] centroids)
    {
        var rng = new Mt19937(1234);
        bool split = false;
        for (int ci = 0; ci < _k; ci++)
        {
            if (counts[ci] != 0)
            {
                continue;
            }

            int cj = 0;
            while (true)
            {
                float p = (float)((counts[cj] - 1.0) / (float)(_n - _k));
                if (rng.NextFloat() < p)
                {
                    break;
                }

                cj = (cj + 1) % _k;
            }

            centroids.AsSpan(cj * _d, _d).CopyTo(centroids.AsSpan(ci * _d, _d));
            for (int j = 0; j < _d; j++)
            {
                bool even = j % 2 == 0;
                centroids[ci * _d + j] = (float)(centroids[ci * _d + j] * (even ? 1 + SplitEps : 1 - SplitEps));
                centroids[cj * _d + j] = (float)(centroids[cj * _d + j] * (even ? 1 - SplitEps : 1 + SplitEps));
            }

            counts[ci] = counts[cj] / 2;
            counts[cj] -= counts[ci];
            split = true;
        }

        return split;
    }
}
