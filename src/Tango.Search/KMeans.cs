using Tango.Core;
using Tango.Search.Clustering;
using Tango.Search.Kernels;

namespace Tango.Search;

/// <summary>
/// Lloyd's k-means. Each iteration assigns every training point to its nearest centroid by an exact
/// <see cref="FlatIndex"/> search (so the distances ‖x‖² − 2x·c + ‖c‖² come from the GEMM), recomputes each
/// centroid as the float mean of its points in point order, and repairs empty clusters as faiss does (split a
/// populous cluster, picked with probability ∝ size − 1, into two slightly perturbed copies). Like faiss, more
/// than <see cref="MaxPointsPerCluster"/>·k training points are subsampled first; the final assignment and
/// inertia cover every point. Deterministic for a seed; with <see cref="KMeansInit.RandomSample"/> the iterations
/// follow faiss's <c>Clustering::train</c> step for step.
/// </summary>
public sealed class KMeans
{
    /// <summary>A k-means with <paramref name="clusters"/> centroids.</summary>
    public KMeans(int clusters, int iterations = 25, KMeansInit init = KMeansInit.KMeansPlusPlus, long seed = 1234)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clusters);
        ArgumentOutOfRangeException.ThrowIfNegative(iterations);
        if (!Enum.IsDefined(init))
        {
            throw new ArgumentOutOfRangeException(nameof(init), init, "Unknown KMeansInit.");
        }

        Clusters = clusters;
        Iterations = iterations;
        Init = init;
        Seed = seed;
    }

    /// <summary>The number of centroids k.</summary>
    public int Clusters { get; }

    /// <summary>The most Lloyd iterations (faiss's <c>niter</c>).</summary>
    public int Iterations { get; }

    /// <summary>The initialisation.</summary>
    public KMeansInit Init { get; }

    /// <summary>The seed of every random choice.</summary>
    public long Seed { get; }

    /// <summary>Training uses at most this many points per centroid (faiss's default 256); 0 uses all.</summary>
    public int MaxPointsPerCluster { get; init; } = 256;

    /// <summary>
    /// How points are assigned to centroids: nearest by squared L2 (k-means proper, the default) or, as faiss
    /// clusters for an inner-product IVF, largest inner product (or cosine); centroids are means either way.
    /// </summary>
    public MetricKind Metric { get; init; } = MetricKind.SquaredL2;

    /// <summary>
    /// Rescales every centroid to unit norm after initialisation and after each update (faiss's
    /// <c>spherical</c>, which its IVF indexes turn on for inner product).
    /// </summary>
    public bool Spherical { get; init; }

    /// <summary>Fits the rows of a (n, d) tensor.</summary>
    public KMeansResult Fit(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 2)
        {
            throw new ArgumentException($"KMeans.Fit: expected (n, d) points, got {x.ShapeString}.", nameof(x));
        }

        return Fit(x.Span, x.Dim(1));
    }

    /// <summary>Fits (n, dimension) row-major points; needs n ≥ <see cref="Clusters"/> finite points.</summary>
    public KMeansResult Fit(ReadOnlySpan<float> x, int dimension)
    {
        var centroids = TrainCentroids(x, dimension, out int iterations);
        int n = x.Length / dimension;
        var index = new FlatIndex(dimension, Metric);
        index.Add(centroids);
        var assignments = index.Search(x, 1).Ids;
        double inertia = 0;
        for (int i = 0; i < n; i++)
        {
            var xi = x.Slice(i * dimension, dimension);
            var ci = centroids.AsSpan(assignments[i] * dimension, dimension);
            for (int j = 0; j < dimension; j++)
            {
                double diff = xi[j] - (double)ci[j];
                inertia += diff * diff;
            }
        }

        return new KMeansResult(centroids, Clusters, dimension, assignments, inertia, iterations, Metric);
    }

    // The centroids only (no final assignment of every point): what an IVF index needs from training.
    internal unsafe float[] TrainCentroids(ReadOnlySpan<float> x, int dimension, out int iterations)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        int n = x.Length / dimension;
        if (x.Length % dimension != 0 || n < Clusters)
        {
            throw new ArgumentException($"KMeans.Fit: {x.Length} values are not at least k = {Clusters} rows of " +
                                        $"dimension {dimension}.", nameof(x));
        }

        int bad = x.IndexOfAnyExceptInRange(float.MinValue, float.MaxValue);
        if (bad >= 0)
        {
            throw new ArgumentException($"KMeans.Fit: point {bad / dimension} has a non-finite value {x[bad]} at " +
                                        $"column {bad % dimension}.", nameof(x));
        }

        // The training set is read in place unless it is subsampled.
        var sample = Subsample(x, dimension, n);
        var train = sample is null ? x : sample;
        // faiss: with exactly k training points the centroids are those points, with no iteration.
        bool copy = train.Length / dimension == Clusters;
        float[] centroids = copy ? train.ToArray() : InitialCentroids(train, dimension);
        if (Spherical)
        {
            Lloyd.Normalize(centroids, dimension);
        }

        iterations = 0;
        if (!copy)
        {
            fixed (float* p = train)
            {
                var rows = new QueryRows(p, train.Length);
                iterations = new Lloyd(rows, train.Length / dimension, dimension, Clusters, Metric, Spherical)
                    .Run(centroids, Iterations);
            }
        }

        return centroids;
    }

    // faiss's subsample_training_set: the first k·max points of the permutation rand_perm(n, seed); null when
    // every point is used.
    private float[]? Subsample(ReadOnlySpan<float> x, int d, int n)
    {
        long cap = (long)MaxPointsPerCluster * Clusters;
        if (MaxPointsPerCluster <= 0 || n <= cap)
        {
            return null;
        }

        var perm = Mt19937.Permutation(n, Seed);
        var train = new float[cap * d];
        for (int i = 0; i < cap; i++)
        {
            x.Slice(perm[i] * d, d).CopyTo(train.AsSpan(i * d, d));
        }

        return train;
    }

    private float[] InitialCentroids(ReadOnlySpan<float> train, int d)
    {
        if (Init == KMeansInit.KMeansPlusPlus)
        {
            return KMeansPlusPlus.Pick(train, d, Clusters, new Rng(unchecked((ulong)Seed)));
        }

        // faiss: rand_perm(nx, seed + 1), centroid i = x[perm[i]].
        var perm = Mt19937.Permutation(train.Length / d, Seed + 1);
        var centroids = new float[Clusters * d];
        for (int i = 0; i < Clusters; i++)
        {
            train.Slice(perm[i] * d, d).CopyTo(centroids.AsSpan(i * d, d));
        }

        return centroids;
    }
}
