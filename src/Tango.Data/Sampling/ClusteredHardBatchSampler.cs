using Tango.Search;

namespace Tango.Data.Sampling;

/// <summary>
/// Hard in-batch negatives by clustering, in the spirit of NGAME (Dahiya et al., WSDM 2023, "NGAME: Negative Mining-
/// aware Mini-batching for Extreme Classification"): the rows are clustered by k-means on the current model's
/// embeddings, and each batch is made of whole clusters of similar rows, so the other rows of a batch — the in-batch
/// negatives of contrastive losses — are near each anchor and informative. Clusters go stale as the model trains, so
/// the caller refreshes them every <see cref="RefreshEvery"/> epochs (<see cref="NeedsRefresh"/>,
/// <see cref="Refresh"/>). Until the first refresh the batches are uniformly random (NGAME's warm start).
/// <para>
/// An epoch shuffles the rows within each cluster and the order of the clusters, lays the clusters end to end and
/// cuts the sequence into batches, so every row appears once per epoch and a batch spans about
/// batch size / cluster size consecutive clusters. Batches depend only on the seed, the epoch and the clustering;
/// the clustering depends only on the embeddings, the seed and the refresh epoch. A checkpoint keeps
/// <see cref="Assignments"/> and <see cref="RefreshedAtEpoch"/> and restores them with <see cref="Restore"/>, so a
/// resumed run draws the same batches.
/// </para>
/// </summary>
public sealed class ClusteredHardBatchSampler : IBatchSampler
{
    private readonly ulong _seed;
    private int[]? _assignments;

    /// <summary>Creates the sampler.</summary>
    /// <param name="rows">The number of rows to batch.</param>
    /// <param name="batchSize">Rows per batch.</param>
    /// <param name="clusterSize">The mean cluster size: k-means uses ⌈rows / clusterSize⌉ centroids. NGAME uses
    /// clusters smaller than a batch so a batch mixes several neighbourhoods.</param>
    /// <param name="refreshEvery">Re-cluster every this many epochs.</param>
    /// <param name="seed">The seed of k-means and of the shuffles.</param>
    public ClusteredHardBatchSampler(int rows, int batchSize, int clusterSize, int refreshEvery, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clusterSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(refreshEvery);
        Rows = rows;
        BatchSize = batchSize;
        ClusterSize = clusterSize;
        RefreshEvery = refreshEvery;
        _seed = seed;
    }

    /// <summary>The number of rows.</summary>
    public int Rows { get; }

    /// <summary>Rows per batch (the last batch of an epoch may be shorter unless <see cref="DropLast"/>).</summary>
    public int BatchSize { get; }

    /// <summary>The mean cluster size asked for.</summary>
    public int ClusterSize { get; }

    /// <summary>Epochs between refreshes.</summary>
    public int RefreshEvery { get; }

    /// <summary>Drop a short last batch.</summary>
    public bool DropLast { get; init; }

    /// <summary>The k-means assignment metric (squared L2; Cosine suits unnormalised embeddings compared by
    /// angle).</summary>
    public MetricKind Metric { get; init; } = MetricKind.SquaredL2;

    /// <summary>Lloyd iterations per refresh.</summary>
    public int KMeansIterations { get; init; } = 10;

    /// <summary>The number of clusters, ⌈rows / cluster size⌉.</summary>
    public int ClusterCount => (Rows + ClusterSize - 1) / ClusterSize;

    /// <summary>The cluster of each row since the last refresh (a copy), or null before the first.</summary>
    public int[]? Assignments => (int[]?)_assignments?.Clone();

    /// <summary>The epoch of the last refresh, or −1 before the first.</summary>
    public int RefreshedAtEpoch { get; private set; } = -1;

    /// <inheritdoc/>
    public int BatchesPerEpoch => DropLast ? Rows / BatchSize : (Rows + BatchSize - 1) / BatchSize;

    /// <summary>True when epoch <paramref name="epoch"/> is a refresh epoch (0, N, 2N, …) not yet refreshed.
    /// </summary>
    public bool NeedsRefresh(int epoch) => epoch % RefreshEvery == 0 && RefreshedAtEpoch != epoch;

    /// <summary>
    /// Re-clusters the rows from their current embeddings, (rows, dimension) row-major, computed by the model as it
    /// stands at the start of <paramref name="epoch"/>.
    /// </summary>
    public void Refresh(ReadOnlySpan<float> embeddings, int dimension, int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        if (embeddings.Length != (long)Rows * dimension)
        {
            throw new ArgumentException($"ClusteredHardBatchSampler.Refresh: {embeddings.Length} values are not " +
                                        $"{Rows} rows of dimension {dimension}.", nameof(embeddings));
        }

        var kmeans = new KMeans(ClusterCount, KMeansIterations, KMeansInit.KMeansPlusPlus,
            (long)(SamplerSeed.For(_seed, epoch, purpose: 1) >> 1))
        {
            Metric = Metric,
            Spherical = Metric is MetricKind.Cosine or MetricKind.InnerProduct,
        };
        _assignments = kmeans.Fit(embeddings, dimension).Assignments;
        RefreshedAtEpoch = epoch;
    }

    /// <summary>Restores a clustering saved from <see cref="Assignments"/> and <see cref="RefreshedAtEpoch"/>.
    /// </summary>
    public void Restore(int[] assignments, int refreshedAtEpoch)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        ArgumentOutOfRangeException.ThrowIfNegative(refreshedAtEpoch);
        if (assignments.Length != Rows || Array.Exists(assignments, c => c < 0))
        {
            throw new ArgumentException($"ClusteredHardBatchSampler.Restore: expected {Rows} non-negative cluster " +
                                        $"ids, got {assignments.Length}.", nameof(assignments));
        }

        _assignments = (int[])assignments.Clone();
        RefreshedAtEpoch = refreshedAtEpoch;
    }

    /// <inheritdoc/>
    public IEnumerable<int[]> Batches(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        return Cut(Order(epoch));
    }

    // The epoch's row sequence: clusters in shuffled order, each cluster's rows shuffled; all rows shuffled before
    // the first refresh.
    private int[] Order(int epoch)
    {
        var rng = SamplerSeed.Rng(_seed, epoch, purpose: 2);
        if (_assignments is null)
        {
            var all = Enumerable.Range(0, Rows).ToArray();
            rng.Shuffle(all.AsSpan());
            return all;
        }

        var clusters = Enumerable.Range(0, Rows).GroupBy(r => _assignments[r]).OrderBy(g => g.Key)
            .Select(g => g.ToArray()).ToArray();
        rng.Shuffle(clusters.AsSpan());
        foreach (var cluster in clusters)
        {
            rng.Shuffle(cluster.AsSpan());
        }

        return clusters.SelectMany(c => c).ToArray();
    }

    private IEnumerable<int[]> Cut(int[] order)
    {
        for (int start = 0; start < order.Length; start += BatchSize)
        {
            int length = Math.Min(BatchSize, order.Length - start);
            if (length == BatchSize || !DropLast)
            {
                yield return order.AsSpan(start, length).ToArray();
            }
        }
    }
}
