using System.Text.Json;
using Tango.Core;
using Tango.Search;
using Tango.TestKit;

namespace Tango.Evaluation.Tests;

public class AccuracyCalculatorTests
{
    private static readonly (AccuracyMetric Metric, string Pml)[] KnnMetrics =
    [
        (AccuracyMetric.PrecisionAt1, "precision_at_1"), (AccuracyMetric.RPrecision, "r_precision"),
        (AccuracyMetric.MeanAveragePrecisionAtR, "mean_average_precision_at_r"),
        (AccuracyMetric.MeanAveragePrecision, "mean_average_precision"),
        (AccuracyMetric.MeanReciprocalRank, "mean_reciprocal_rank"),
    ];

    private static PmlReference Ref => PmlReference.Instance;

    public static TheoryData<string, int, bool> Cases => new()
    {
        // PML case, k (0 = all, -1 = max bin count), averaged per class
        { "self_faiss_IndexFlatL2", 0, false },
        { "separate_faiss_IndexFlatL2", 0, false },
        { "separate_avg_of_avgs_faiss_IndexFlatL2", 0, true },
        { "separate_k5_faiss_IndexFlatL2", 5, false },
        { "self_kmaxbin_faiss_IndexFlatL2", -1, false },

        // The same settings with PML's CustomKNN(LpDistance) instead of faiss: the same values, recorded apart.
        { "self_CustomKNN_L2", 0, false },
        { "separate_CustomKNN_L2", 0, false },
        { "separate_avg_of_avgs_CustomKNN_L2", 0, true },
        { "separate_k5_CustomKNN_L2", 5, false },
        { "self_kmaxbin_CustomKNN_L2", -1, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void FromPmlsOwnNeighbours_MatchesPml(string name, int k, bool perClass)
    {
        bool self = name.StartsWith("self", StringComparison.Ordinal);
        var calc = Calculator(k, perClass);
        var report = self
            ? calc.Compute(Ref.Knn("self"), Ref.ReferenceLabels, Ref.ReferenceLabels, true, Ref.SelfClusters)
            : calc.Compute(Ref.Knn("separate"), Ref.QueryLabels, Ref.ReferenceLabels, false, Ref.QueryClusters);
        AssertMatches(name, report, 1e-6);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EndToEnd_WithTangosSearchAndKMeans_MatchesPml(string name, int k, bool perClass)
    {
        bool self = name.StartsWith("self", StringComparison.Ordinal);

        // CustomKNN cases used PML's LpDistance (unsquared L2), the faiss ones IndexFlatL2 (squared).
        var metric = name.Contains("CustomKNN", StringComparison.Ordinal) ? MetricKind.L2 : MetricKind.SquaredL2;
        var calc = Calculator(k, perClass, metric);
        var report = self
            ? calc.Compute(Ref.Reference, Ref.ReferenceLabels)
            : calc.Compute(Ref.Query, Ref.QueryLabels, Ref.Reference, Ref.ReferenceLabels);
        AssertMatches(name, report, 1e-6, clusteringTolerance: 1e-3);
    }

    [Theory]
    [InlineData("separate_per_class_faiss_IndexFlatL2")]
    [InlineData("separate_per_class_CustomKNN_L2")]
    public void PerClassValues_MatchPmlsReturnPerClass(string name)
    {
        var distance = name.Contains("CustomKNN", StringComparison.Ordinal) ? MetricKind.L2 : MetricKind.SquaredL2;
        var report = Calculator(0, false, distance)
            .Compute(Ref.Query, Ref.QueryLabels, Ref.Reference, Ref.ReferenceLabels);
        var expected = Ref.Result(name);
        foreach (var (metric, pml) in KnnMetrics)
        {
            var values = expected.GetProperty(pml).EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var perClass = report.PerClass(metric);
            Assert.Equal(Enumerable.Range(0, 10), perClass.Keys.Order());
            for (int c = 0; c < values.Length; c++)
            {
                Tolerance.Close(values[c], perClass[c], 0, 1e-6, $"{pml}[{c}]");
            }
        }
    }

    [Fact]
    public void LoneLabel_IsExcludedFromKnnMetrics_ButNotFromClustering()
    {
        var report = Calculator(0, false).Compute(Ref.Query, Ref.QueryLabels, Ref.Reference, Ref.ReferenceLabels);
        Assert.Equal([10], report.LoneLabels);
        Assert.Equal(66, report.QueryCount);
        Assert.Equal(60, report.ScoredQueryCount);
        Assert.Equal(95, report.K);
    }

    [Fact]
    public void PrecisionAndRecallAtK_MatchANaiveLoop()
    {
        var calc = new AccuracyCalculator(AccuracyK.MaxBinCount) { AtK = [1, 3, 20] };
        var report = calc.Compute(Ref.Query, Ref.QueryLabels, Ref.Reference, Ref.ReferenceLabels);
        var knn = Ref.Knn("separate");
        var q = Ref.QueryLabels;
        var r = Ref.ReferenceLabels;
        foreach (int at in new[] { 1, 3, 20 })
        {
            double p = 0, rec = 0;
            int n = 0;
            for (int i = 0; i < q.Length; i++)
            {
                if (q[i] == 10)
                {
                    continue;
                }

                int hits = knn.IdsOf(i)[..at].ToArray().Count(id => r[id] == q[i]);
                p += (double)hits / at;
                rec += hits > 0 ? 1 : 0;
                n++;
            }

            Tolerance.Close(p / n, report.PrecisionAtK[at], 0, 1e-12, $"P@{at}");
            Tolerance.Close(rec / n, report.RecallAtK[at], 0, 1e-12, $"R@{at}");
        }

        Assert.Equal(report.PrecisionAt1, report.RecallAtK[1], 12);
    }

    [Fact]
    public void EveryQueryLone_GivesNaN_AndSingleMemberClassesAreLoneWhenReferenceIsQuery()
    {
        var x = Tensor.FromArray([0f, 0f, 1f, 0f, 0f, 1f, 1f, 1f], 4, 2);
        var report = new AccuracyCalculator(include: [AccuracyMetric.PrecisionAt1, AccuracyMetric.RPrecision])
            .Compute(x, [0, 1, 2, 3]);
        Assert.True(double.IsNaN(report.PrecisionAt1));
        Assert.Equal([0, 1, 2, 3], report.LoneLabels);
        var mixed = new AccuracyCalculator(include: [AccuracyMetric.PrecisionAt1]).Compute(x, [0, 0, 1, 2]);
        Assert.Equal(2, mixed.ScoredQueryCount);
        Assert.Equal(1.0, mixed.PrecisionAt1);
    }

    [Fact]
    public void BadInput_Throws()
    {
        var x = Tensor.FromArray([0f, 0f, 1f, float.NaN], 2, 2);
        Assert.Contains("row 1 has the non-finite value NaN at column 1",
            Assert.Throws<ArgumentException>(() => new AccuracyCalculator().Compute(x, [0, 0])).Message,
            StringComparison.Ordinal);
        var y = Tensor.Zeros(2, 2);
        Assert.Throws<ArgumentException>(() => new AccuracyCalculator().Compute(y, [0]));
        Assert.Throws<ArgumentException>(() => new AccuracyCalculator().Compute(y, [0, 1], Tensor.Zeros(2, 3), [0, 1]));
        Assert.Throws<ArgumentException>(() =>
            new AccuracyCalculator().Compute(y, [0, 1], Tensor.Ones(2, 2), [0, 1], referenceIncludesQuery: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => AccuracyK.Of(0));
    }

    private static AccuracyCalculator Calculator(int k, bool perClass, MetricKind metric = MetricKind.SquaredL2) =>
        new(k == 0 ? AccuracyK.All : k < 0 ? AccuracyK.MaxBinCount : AccuracyK.Of(k),
            perClass ? AccuracyAveraging.PerClass : AccuracyAveraging.PerQuery, metric: metric);

    private static void AssertMatches(string name, AccuracyReport report, double tol,
        double? clusteringTolerance = null)
    {
        foreach (var property in Ref.Result(name).EnumerateObject())
        {
            double expected = property.Value.GetDouble();
            double actual = property.Name switch
            {
                "NMI" => report.Nmi,
                "AMI" => report.Ami,
                _ => report[KnnMetrics.Single(m => m.Pml == property.Name).Metric],
            };
            bool clustering = property.Name is "NMI" or "AMI";
            double atol = clustering ? clusteringTolerance ?? tol : tol;
            Tolerance.Close(expected, actual, 0, atol, $"{name}.{property.Name}");
        }
    }
}
