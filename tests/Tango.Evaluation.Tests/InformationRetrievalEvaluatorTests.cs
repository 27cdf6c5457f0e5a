using System.Text.Json;
using Tango.Core;
using Tango.TestKit;

namespace Tango.Evaluation.Tests;

public class InformationRetrievalEvaluatorTests
{
    private static readonly InformationRetrievalEvaluator Evaluator = new()
    {
        MrrAtK = [1, 3, 10], NdcgAtK = [3, 10], AccuracyAtK = [1, 3, 5], PrecisionRecallAtK = [1, 3, 5],
        MapAtK = [3, 10],
    };

    [Fact]
    public void MatchesSentenceTransformers()
    {
        // Queries a_i; corpus p_0..7 (ids dp*) then n_0..7 (ids dn*) as rows 0..15.
        var st = StReference.Instance;
        var corpus = Tensor.FromArray([.. st.P.ToArray(), .. st.N.ToArray()], 16, 16);
        var ir = st.Evaluator("InformationRetrievalEvaluator");
        var relevant = Enumerable.Range(0, 8).Select(i => (IReadOnlySet<int>)ir.GetProperty("relevant_docs")
            .GetProperty($"q{i}").EnumerateArray()
            .Select(id => id.GetString()!).Select(id => (id[1] == 'p' ? 0 : 8) + int.Parse(id[2..])).ToHashSet())
            .ToList();
        var report = Evaluator.Evaluate(st.A, corpus, relevant);
        var expected = ir.GetProperty("metrics").GetProperty("cosine");
        Check(expected, "accuracy@k", report.AccuracyAtK);
        Check(expected, "precision@k", report.PrecisionAtK);
        Check(expected, "recall@k", report.RecallAtK);
        Check(expected, "ndcg@k", report.NdcgAtK);
        Check(expected, "mrr@k", report.MrrAtK);
        Check(expected, "map@k", report.MapAtK);
        Assert.Equal(8, report.QueryCount);
    }

    [Fact]
    public void FromRankings_HandComputedValues()
    {
        // Ranking [x, r1, y, r2] with relevant {r1, r2, r3}.
        var e = new InformationRetrievalEvaluator
        {
            AccuracyAtK = [1, 2], PrecisionRecallAtK = [4], MrrAtK = [1, 4], NdcgAtK = [4], MapAtK = [4],
        };
        var r = e.Evaluate<string>([["x", "r1", "y", "r2"]], [new HashSet<string> { "r1", "r2", "r3" }]);
        Assert.Equal(0.0, r.AccuracyAtK[1]);
        Assert.Equal(1.0, r.AccuracyAtK[2]);
        Assert.Equal(0.5, r.PrecisionAtK[4]);
        Assert.Equal(2.0 / 3, r.RecallAtK[4], 12);
        Assert.Equal(0.0, r.MrrAtK[1]);
        Assert.Equal(0.5, r.MrrAtK[4]);
        double dcg = 1 / Math.Log2(3) + 1 / Math.Log2(5), idcg = 1 + 1 / Math.Log2(3) + 1 / Math.Log2(4);
        Assert.Equal(dcg / idcg, r.NdcgAtK[4], 12);
        Assert.Equal((1.0 / 2 + 2.0 / 4) / 3, r.MapAtK[4], 12);
    }

    [Fact]
    public void QueriesWithoutRelevantDocuments_AreSkipped()
    {
        var e = new InformationRetrievalEvaluator { AccuracyAtK = [1] };
        var r = e.Evaluate<int>([[1], [2]], [new HashSet<int> { 1 }, new HashSet<int>()]);
        Assert.Equal(1, r.QueryCount);
        Assert.Equal(1.0, r.AccuracyAtK[1]);
        Assert.Throws<ArgumentException>(() => e.Evaluate<int>([[1]], []));
    }

    private static void Check(JsonElement expected, string name, IReadOnlyDictionary<int, double> actual)
    {
        foreach (var p in expected.GetProperty(name).EnumerateObject())
        {
            Tolerance.Close(p.Value.GetDouble(), actual[int.Parse(p.Name)], 0, 1e-6, $"{name} {p.Name}");
        }
    }
}
