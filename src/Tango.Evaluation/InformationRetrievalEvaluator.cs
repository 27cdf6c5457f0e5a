using Tango.Core;
using Tango.Search;

namespace Tango.Evaluation;

/// <summary>
/// Retrieval quality from (query → relevant document ids) judgements, with sentence-transformers'
/// <c>InformationRetrievalEvaluator</c> definitions (evaluation/InformationRetrievalEvaluator.py). For a query
/// with relevant set G and ranking h_1, h_2, … (best first), rel_i = [h_i ∈ G]:
/// accuracy@k = [∃ i ≤ k: rel_i]; precision@k = Σ_{i≤k} rel_i / k; recall@k = Σ_{i≤k} rel_i / |G|;
/// MRR@k = 1 / min{i ≤ k: rel_i} (0 if none); NDCG@k = DCG@k / IDCG@k with DCG@k = Σ_{i≤k} rel_i / log₂(i + 1)
/// and IDCG@k the DCG of min(|G|, k) relevant documents (Järvelin &amp; Kekäläinen 2002, binary gains);
/// MAP@k = Σ_{i≤k} rel_i · P@i / min(k, |G|). Each is averaged over the queries; queries without relevant
/// documents are skipped, as sentence-transformers does.
/// </summary>
public sealed class InformationRetrievalEvaluator
{
    /// <summary>Cut-offs of accuracy@k (sentence-transformers' default 1, 3, 5, 10).</summary>
    public IReadOnlyList<int> AccuracyAtK { get; init; } = [1, 3, 5, 10];

    /// <summary>Cut-offs of precision@k and recall@k (default 1, 3, 5, 10).</summary>
    public IReadOnlyList<int> PrecisionRecallAtK { get; init; } = [1, 3, 5, 10];

    /// <summary>Cut-offs of MRR@k (default 10).</summary>
    public IReadOnlyList<int> MrrAtK { get; init; } = [10];

    /// <summary>Cut-offs of NDCG@k (default 10).</summary>
    public IReadOnlyList<int> NdcgAtK { get; init; } = [10];

    /// <summary>Cut-offs of MAP@k (default 100).</summary>
    public IReadOnlyList<int> MapAtK { get; init; } = [100];

    private int MaxK => new[] { AccuracyAtK, PrecisionRecallAtK, MrrAtK, NdcgAtK, MapAtK }
        .SelectMany(ks => ks).DefaultIfEmpty(0).Max();

    /// <summary>
    /// Ranks the (n, d) <paramref name="corpus"/> rows for each (m, d) query by <paramref name="similarity"/>
    /// (exact search; Manhattan is not supported here) and scores the rankings; document ids are corpus rows.
    /// </summary>
    public RetrievalReport Evaluate(Tensor queries, Tensor corpus, IReadOnlyList<IReadOnlySet<int>> relevant,
        SimilarityFunction similarity = SimilarityFunction.Cosine)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(relevant);
        if (queries.Rank != 2 || corpus.Rank != 2 || queries.Dim(1) != corpus.Dim(1)
            || relevant.Count != queries.Dim(0))
        {
            throw new ArgumentException($"InformationRetrievalEvaluator: queries {queries.ShapeString} and corpus " +
                                        $"{corpus.ShapeString} must be (m, d) and (n, d), with m = {relevant.Count} " +
                                        "relevance sets.");
        }

        var metric = similarity switch
        {
            SimilarityFunction.Cosine => MetricKind.Cosine,
            SimilarityFunction.DotProduct => MetricKind.InnerProduct,
            SimilarityFunction.Euclidean => MetricKind.L2,
            _ => throw new ArgumentOutOfRangeException(nameof(similarity), similarity,
                "Retrieval supports Cosine, DotProduct and Euclidean."),
        };
        var index = new FlatIndex(corpus.Dim(1), metric);
        index.Add(corpus);
        var hits = index.Search(queries, Math.Min(MaxK, corpus.Dim(0)));
        var rankings = Enumerable.Range(0, hits.QueryCount).Select(i => (IReadOnlyList<int>)hits.IdsOf(i).ToArray())
            .ToList();
        return Evaluate(rankings, relevant);
    }

    /// <summary>Scores given rankings (document ids, best first) against the relevant ids of each query.</summary>
    public RetrievalReport Evaluate<TId>(IReadOnlyList<IReadOnlyList<TId>> rankings,
        IReadOnlyList<IReadOnlySet<TId>> relevant)
    {
        ArgumentNullException.ThrowIfNull(rankings);
        ArgumentNullException.ThrowIfNull(relevant);
        if (rankings.Count != relevant.Count)
        {
            throw new ArgumentException($"InformationRetrievalEvaluator: {rankings.Count} rankings but " +
                                        $"{relevant.Count} relevance sets.");
        }

        var sums = new RetrievalSums(this);
        int evaluated = 0;
        for (int q = 0; q < rankings.Count; q++)
        {
            if (relevant[q] is { Count: > 0 } gold)
            {
                var rel = rankings[q].Take(MaxK).Select(gold.Contains).ToArray();
                sums.Add(rel, gold.Count);
                evaluated++;
            }
        }

        return sums.Report(evaluated);
    }

    /// <summary>Running sums of every metric at every cut-off.</summary>
    private sealed class RetrievalSums(InformationRetrievalEvaluator e)
    {
        private readonly Dictionary<int, double> _accuracy = e.AccuracyAtK.ToDictionary(k => k, _ => 0.0);
        private readonly Dictionary<int, double> _precision = e.PrecisionRecallAtK.ToDictionary(k => k, _ => 0.0);
        private readonly Dictionary<int, double> _recall = e.PrecisionRecallAtK.ToDictionary(k => k, _ => 0.0);
        private readonly Dictionary<int, double> _mrr = e.MrrAtK.ToDictionary(k => k, _ => 0.0);
        private readonly Dictionary<int, double> _ndcg = e.NdcgAtK.ToDictionary(k => k, _ => 0.0);
        private readonly Dictionary<int, double> _map = e.MapAtK.ToDictionary(k => k, _ => 0.0);

        // rel: (ranking length) relevance of each retrieved document, relevant = |G|
        public void Add(bool[] rel, int relevant)
        {
            foreach (int k in _accuracy.Keys)
            {
                _accuracy[k] += Top(rel, k).Contains(true) ? 1 : 0;
            }

            foreach (int k in _precision.Keys)
            {
                int hits = Top(rel, k).Count(r => r);
                _precision[k] += (double)hits / k;
                _recall[k] += (double)hits / relevant;
            }

            foreach (int k in _mrr.Keys)
            {
                int first = Array.IndexOf(Top(rel, k), true);
                _mrr[k] += first < 0 ? 0 : 1.0 / (first + 1);
            }

            foreach (int k in _ndcg.Keys)
            {
                _ndcg[k] += Dcg(Top(rel, k)) / Dcg(Enumerable.Repeat(true, Math.Min(relevant, k)).ToArray());
            }

            foreach (int k in _map.Keys)
            {
                double sum = 0;
                int hits = 0;
                var top = Top(rel, k);
                for (int i = 0; i < top.Length; i++)
                {
                    if (top[i])
                    {
                        sum += (double)++hits / (i + 1);
                    }
                }

                _map[k] += sum / Math.Min(k, relevant);
            }
        }

        public RetrievalReport Report(int n) => new(n, Mean(_accuracy, n), Mean(_precision, n), Mean(_recall, n),
            Mean(_mrr, n), Mean(_ndcg, n), Mean(_map, n));

        private static bool[] Top(bool[] rel, int k) => rel[..Math.Min(k, rel.Length)];

        // DCG = Σ_i rel_i / log₂(i + 2) for 0-based positions i.
        private static double Dcg(bool[] rel)
        {
            double dcg = 0;
            for (int i = 0; i < rel.Length; i++)
            {
                dcg += rel[i] ? 1.0 / Math.Log2(i + 2) : 0.0;
            }

            return dcg;
        }

        private static SortedDictionary<int, double> Mean(Dictionary<int, double> sums, int n) =>
            new(sums.ToDictionary(kv => kv.Key, kv => n == 0 ? double.NaN : kv.Value / n));
    }
}
