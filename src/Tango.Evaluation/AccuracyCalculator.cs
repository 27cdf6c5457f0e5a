using Tango.Core;
using Tango.Search;

namespace Tango.Evaluation;

/// <summary>
/// pytorch-metric-learning's <c>AccuracyCalculator</c>: retrieval metrics from each query's k nearest references
/// (exact search by <see cref="FlatIndex"/>) and clustering metrics from a k-means of the queries, with PML's
/// definitions (see <see cref="AccuracyMetric"/>): lone query labels (no relevant reference) are left out of the
/// k-NN metrics; with the reference including the queries, each query's own match is excluded; NMI/AMI cluster
/// the queries into as many clusters as they have distinct labels with faiss's k-means (20 iterations, seed
/// 1234, <see cref="KMeansInit.RandomSample"/>), which Tango reproduces exactly.
/// </summary>
public sealed class AccuracyCalculator
{
    private static readonly AccuracyMetric[] NeighborMetricsList =
    [
        AccuracyMetric.PrecisionAt1, AccuracyMetric.RPrecision, AccuracyMetric.MeanAveragePrecisionAtR,
        AccuracyMetric.MeanAveragePrecision, AccuracyMetric.MeanReciprocalRank,
    ];

    /// <summary>A calculator; <paramref name="include"/> null computes every metric.</summary>
    public AccuracyCalculator(AccuracyK? k = null, AccuracyAveraging averaging = AccuracyAveraging.PerQuery,
        IEnumerable<AccuracyMetric>? include = null, MetricKind metric = MetricKind.SquaredL2)
    {
        K = k ?? AccuracyK.MaxBinCount;
        Averaging = Enum.IsDefined(averaging) ? averaging
            : throw new ArgumentOutOfRangeException(nameof(averaging), averaging, "Unknown AccuracyAveraging.");
        Include = new HashSet<AccuracyMetric>(include ?? Enum.GetValues<AccuracyMetric>());
        Metric = metric;
        _ = metric.IsSimilarity();
    }

    /// <summary>The neighbours retrieved per query.</summary>
    public AccuracyK K { get; }

    /// <summary>Mean over queries, or mean of class means.</summary>
    public AccuracyAveraging Averaging { get; }

    /// <summary>The metrics computed.</summary>
    public IReadOnlySet<AccuracyMetric> Include { get; }

    /// <summary>The k-NN metric (PML's default faiss <c>IndexFlatL2</c>: squared L2).</summary>
    public MetricKind Metric { get; }

    /// <summary>The k of precision@k and recall@k (default 1, 2, 4, 8, as reported on CUB-200 and Cars-196).</summary>
    public IReadOnlyList<int> AtK { get; init; } = [1, 2, 4, 8];

    /// <summary>Lloyd iterations of the NMI/AMI k-means (its k is the number of distinct query labels).</summary>
    public int ClusteringIterations { get; init; } = 20;

    /// <summary>Seed of the NMI/AMI k-means.</summary>
    public long ClusteringSeed { get; init; } = 1234;

    /// <summary>
    /// Metrics of <paramref name="query"/> (m, d) against <paramref name="reference"/> (n, d). Null reference
    /// means the queries themselves with <paramref name="referenceIncludesQuery"/> = true, as PML. When the
    /// reference includes the queries, its first m rows must be the queries.
    /// </summary>
    public AccuracyReport Compute(Tensor query, int[] queryLabels, Tensor? reference = null,
        int[]? referenceLabels = null, bool referenceIncludesQuery = false)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(queryLabels);
        if (reference is null)
        {
            (reference, referenceLabels, referenceIncludesQuery) = (query, queryLabels, true);
        }

        ArgumentNullException.ThrowIfNull(referenceLabels);
        int d = Validate(query, queryLabels, reference, referenceLabels, referenceIncludesQuery);
        var stats = new LabelStatistics(queryLabels, referenceLabels, referenceIncludesQuery);
        KnnResult? neighbors = null;
        if (Include.Any(m => m is not (AccuracyMetric.Nmi or AccuracyMetric.Ami)) && queryLabels.Length > 0)
        {
            int k = SearchK(stats, referenceLabels.Length, referenceIncludesQuery);
            var index = new FlatIndex(d, Metric);
            index.Add(reference.Span);
            neighbors = index.Search(query.Span, k, excludeSelf: referenceIncludesQuery);
        }

        int[]? clusters = null;
        if ((Include.Contains(AccuracyMetric.Nmi) || Include.Contains(AccuracyMetric.Ami)) && queryLabels.Length > 0)
        {
            var kmeans = new KMeans(stats.QueryClassCount, ClusteringIterations, KMeansInit.RandomSample,
                ClusteringSeed);
            clusters = kmeans.Fit(query.Span, d).Assignments;
        }

        return Score(stats, neighbors, clusters, queryLabels, referenceLabels, referenceIncludesQuery);
    }

    /// <summary>
    /// Metrics from neighbours found elsewhere: <paramref name="neighbors"/> holds each query's reference ids
    /// best first (already without the query itself when the reference includes the queries; −1 = none) and
    /// <paramref name="clusters"/>, if given, a clustering of the queries for NMI/AMI.
    /// </summary>
    public AccuracyReport Compute(KnnResult neighbors, int[] queryLabels, int[] referenceLabels,
        bool referenceIncludesQuery, int[]? clusters = null)
    {
        ArgumentNullException.ThrowIfNull(neighbors);
        ArgumentNullException.ThrowIfNull(queryLabels);
        ArgumentNullException.ThrowIfNull(referenceLabels);
        if (neighbors.QueryCount != queryLabels.Length || clusters is not null && clusters.Length != queryLabels.Length)
        {
            throw new ArgumentException($"AccuracyCalculator: {queryLabels.Length} query labels, but neighbours for " +
                                        $"{neighbors.QueryCount} queries and {clusters?.Length} cluster labels.");
        }

        var stats = new LabelStatistics(queryLabels, referenceLabels, referenceIncludesQuery);
        return Score(stats, neighbors, clusters, queryLabels, referenceLabels, referenceIncludesQuery);
    }

    // PML's k, widened to the largest precision/recall@k, never beyond the candidates there are.
    private int SearchK(LabelStatistics stats, int referenceCount, bool includesQuery)
    {
        int k = K.Resolve(stats.MaxBinCount, referenceCount, includesQuery);
        if (Include.Contains(AccuracyMetric.PrecisionAtK) || Include.Contains(AccuracyMetric.RecallAtK))
        {
            k = Math.Max(k, AtK.Count == 0 ? 0 : AtK.Max());
        }

        return Math.Max(0, Math.Min(k, referenceCount - (includesQuery ? 1 : 0)));
    }

    private AccuracyReport Score(LabelStatistics stats, KnnResult? neighbors, int[]? clusters, int[] queryLabels,
        int[] referenceLabels, bool includesQuery)
    {
        var values = new Dictionary<AccuracyMetric, double>();
        var perClass = new Dictionary<AccuracyMetric, IReadOnlyDictionary<int, double>>();
        var precisionAtK = new SortedDictionary<int, double>();
        var recallAtK = new SortedDictionary<int, double>();
        int k = neighbors is null ? 0 : Math.Min(neighbors.K, K.Resolve(stats.MaxBinCount, referenceLabels.Length,
            includesQuery));
        var scored = Enumerable.Range(0, queryLabels.Length).Where(i => !stats.IsLone(i)).ToArray();
        if (neighbors is not null)
        {
            var same = SameLabel(neighbors, queryLabels, referenceLabels);
            int cols = neighbors.K;
            foreach (var metric in NeighborMetricsList.Where(Include.Contains))
            {
                var perQuery = scored.Select(i => NeighborMetrics.Compute(metric, same.AsSpan(i * cols, k),
                    stats.Relevant[i])).ToArray();
                (values[metric], perClass[metric]) = Average(perQuery, scored, queryLabels);
            }

            foreach (int at in AtK)
            {
                if (Include.Contains(AccuracyMetric.PrecisionAtK))
                {
                    precisionAtK[at] = Average(scored.Select(i => NeighborMetrics.PrecisionAt(
                        same.AsSpan(i * cols, cols), at)).ToArray(), scored, queryLabels).Value;
                }

                if (Include.Contains(AccuracyMetric.RecallAtK))
                {
                    recallAtK[at] = Average(scored.Select(i => NeighborMetrics.RecallAt(
                        same.AsSpan(i * cols, cols), at)).ToArray(), scored, queryLabels).Value;
                }
            }
        }

        if (clusters is not null && Include.Contains(AccuracyMetric.Nmi))
        {
            values[AccuracyMetric.Nmi] = ClusteringScores.NormalizedMutualInformation(queryLabels, clusters);
        }

        if (clusters is not null && Include.Contains(AccuracyMetric.Ami))
        {
            values[AccuracyMetric.Ami] = ClusteringScores.AdjustedMutualInformation(queryLabels, clusters);
        }

        return new AccuracyReport(values, perClass, precisionAtK, recallAtK, k, queryLabels.Length, scored.Length,
            stats.LoneLabels);
    }

    private static bool[] SameLabel(KnnResult neighbors, int[] queryLabels, int[] referenceLabels)
    {
        var same = new bool[neighbors.Ids.Length];
        for (int i = 0; i < neighbors.QueryCount; i++)
        {
            var ids = neighbors.IdsOf(i);
            for (int t = 0; t < ids.Length; t++)
            {
                int id = ids[t];
                if (id >= referenceLabels.Length)
                {
                    throw new ArgumentException($"Neighbour {t} of query {i} is reference {id}, but there are " +
                                                $"{referenceLabels.Length} references.");
                }

                same[i * neighbors.K + t] = id >= 0 && referenceLabels[id] == queryLabels[i];
            }
        }

        return same;
    }

    // -> (the average the calculator reports, the per-class means by label); NaN when nothing is scored
    private (double Value, IReadOnlyDictionary<int, double> PerClass) Average(double[] perQuery, int[] scored,
        int[] queryLabels)
    {
        var byClass = new SortedDictionary<int, (double Sum, int Count)>();
        for (int t = 0; t < scored.Length; t++)
        {
            var (sum, count) = byClass.GetValueOrDefault(queryLabels[scored[t]]);
            byClass[queryLabels[scored[t]]] = (sum + perQuery[t], count + 1);
        }

        var means = byClass.ToDictionary(kv => kv.Key, kv => kv.Value.Sum / kv.Value.Count);
        double value = perQuery.Length == 0 ? double.NaN
            : Averaging == AccuracyAveraging.PerClass ? means.Values.Average() : perQuery.Average();
        return (value, means);
    }

    private static int Validate(Tensor query, int[] queryLabels, Tensor reference, int[] referenceLabels,
        bool includesQuery)
    {
        if (query.Rank != 2 || reference.Rank != 2 || query.Dim(1) != reference.Dim(1))
        {
            throw new ArgumentException($"AccuracyCalculator: query {query.ShapeString} and reference " +
                                        $"{reference.ShapeString} must be (m, d) and (n, d).");
        }

        if (query.Dim(0) != queryLabels.Length || reference.Dim(0) != referenceLabels.Length)
        {
            throw new ArgumentException($"AccuracyCalculator: {query.Dim(0)} queries with {queryLabels.Length} " +
                                        $"labels, {reference.Dim(0)} references with {referenceLabels.Length}.");
        }

        RequireFinite(query, "query");
        RequireFinite(reference, "reference");
        int m = query.Dim(0), d = query.Dim(1);
        if (includesQuery && (reference.Dim(0) < m || !query.Span.SequenceEqual(reference.Span[..(m * d)])
                              || !queryLabels.AsSpan().SequenceEqual(referenceLabels.AsSpan(0, m))))
        {
            throw new ArgumentException("AccuracyCalculator: with referenceIncludesQuery, the first rows of the " +
                                        "reference and their labels must be the queries and theirs.");
        }

        return d;
    }

    private static void RequireFinite(Tensor x, string what)
    {
        int bad = x.Span.IndexOfAnyExceptInRange(float.MinValue, float.MaxValue);
        if (bad >= 0)
        {
            throw new ArgumentException($"AccuracyCalculator: {what} row {bad / x.Dim(1)} has the non-finite " +
                                        $"value {x.Span[bad]} at column {bad % x.Dim(1)}.");
        }
    }
}
