using System.Globalization;
using System.Text;

namespace Tango.Evaluation;

/// <summary>
/// Information-retrieval metrics by cut-off k, averaged over the queries that have relevant documents, as
/// sentence-transformers' <c>InformationRetrievalEvaluator</c> reports them (see
/// <see cref="InformationRetrievalEvaluator"/> for the definitions).
/// </summary>
public sealed class RetrievalReport
{
    internal RetrievalReport(int queryCount, IReadOnlyDictionary<int, double> accuracy,
        IReadOnlyDictionary<int, double> precision, IReadOnlyDictionary<int, double> recall,
        IReadOnlyDictionary<int, double> mrr, IReadOnlyDictionary<int, double> ndcg,
        IReadOnlyDictionary<int, double> map)
    {
        QueryCount = queryCount;
        AccuracyAtK = accuracy;
        PrecisionAtK = precision;
        RecallAtK = recall;
        MrrAtK = mrr;
        NdcgAtK = ndcg;
        MapAtK = map;
    }

    /// <summary>Queries evaluated (those with at least one relevant document).</summary>
    public int QueryCount { get; }

    /// <summary>Accuracy@k: the fraction of queries with a relevant document in the top k.</summary>
    public IReadOnlyDictionary<int, double> AccuracyAtK { get; }

    /// <summary>Precision@k: relevant documents in the top k, divided by k.</summary>
    public IReadOnlyDictionary<int, double> PrecisionAtK { get; }

    /// <summary>Recall@k: relevant documents in the top k, divided by the query's relevant count.</summary>
    public IReadOnlyDictionary<int, double> RecallAtK { get; }

    /// <summary>MRR@k: 1 / rank of the first relevant document within k (0 if none).</summary>
    public IReadOnlyDictionary<int, double> MrrAtK { get; }

    /// <summary>NDCG@k with binary relevance.</summary>
    public IReadOnlyDictionary<int, double> NdcgAtK { get; }

    /// <summary>MAP@k: average precision over the top k, divided by min(k, relevant count).</summary>
    public IReadOnlyDictionary<int, double> MapAtK { get; }

    /// <summary>One line per metric and k, for logs.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var (name, values) in new[]
                 {
                     ("Accuracy", AccuracyAtK), ("Precision", PrecisionAtK), ("Recall", RecallAtK), ("MRR", MrrAtK),
                     ("NDCG", NdcgAtK), ("MAP", MapAtK),
                 })
        {
            foreach (var (k, v) in values)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"{name + "@" + k,-14} {v:F4}");
            }
        }

        return sb.ToString();
    }
}
