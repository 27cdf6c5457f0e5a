using Tango.Core;

namespace Tango.Search;

/// <summary>A fitted k-means model: the centroids, the assignment of the fitted points, and the inertia.</summary>
public sealed class KMeansResult
{
    internal KMeansResult(float[] centroids, int clusters, int dimension, int[] assignments, double inertia,
        int iterations, MetricKind metric)
    {
        Metric = metric;
        Centroids = centroids;
        Clusters = clusters;
        Dimension = dimension;
        Assignments = assignments;
        Inertia = inertia;
        Iterations = iterations;
    }

    /// <summary>The centroids, (clusters, dimension) row-major.</summary>
    public float[] Centroids { get; }

    /// <summary>The number of centroids.</summary>
    public int Clusters { get; }

    /// <summary>The vector dimension.</summary>
    public int Dimension { get; }

    /// <summary>The assignment metric the model was fitted with.</summary>
    public MetricKind Metric { get; }

    /// <summary>The nearest final centroid of every fitted point (ties to the lower centroid).</summary>
    public int[] Assignments { get; }

    /// <summary>Σ ‖x − c(x)‖² over the fitted points and their assigned final centroids (in double).</summary>
    public double Inertia { get; }

    /// <summary>Lloyd iterations run (fewer than asked when the assignment stopped changing).</summary>
    public int Iterations { get; }

    /// <summary>The centroids as a (clusters, dimension) tensor.</summary>
    public Tensor CentroidTensor() => Tensor.FromArray(Centroids, Clusters, Dimension);

    /// <summary>The nearest centroid (under <see cref="Metric"/>) of each (n, dimension) row-major vector.</summary>
    public int[] Predict(ReadOnlySpan<float> vectors)
    {
        var index = new FlatIndex(Dimension, Metric);
        index.Add(Centroids);
        return index.Search(vectors, 1).Ids;
    }
}
