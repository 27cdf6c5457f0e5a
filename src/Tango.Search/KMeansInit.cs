namespace Tango.Search;

/// <summary>How <see cref="KMeans"/> picks its initial centroids.</summary>
public enum KMeansInit
{
    /// <summary>
    /// Greedy k-means++ (Arthur &amp; Vassilvitskii 2007, with 2 + ⌊ln k⌋ candidates per step as scikit-learn):
    /// each new centroid is drawn with probability ∝ D(x)², keeping the candidate that lowers the inertia most.
    /// </summary>
    KMeansPlusPlus,

    /// <summary>
    /// k distinct training points drawn exactly as faiss's <c>Clustering</c> draws them (its mt19937 permutation
    /// seeded with seed + 1), so Tango reproduces faiss's — and pytorch-metric-learning's — clusterings.
    /// </summary>
    RandomSample,
}
