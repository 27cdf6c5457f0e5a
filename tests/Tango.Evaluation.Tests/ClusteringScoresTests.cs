using Tango.TestKit;

namespace Tango.Evaluation.Tests;

public class ClusteringScoresTests
{
    // Expected values: scikit-learn 1.2.1 normalized_mutual_info_score / adjusted_mutual_info_score (arithmetic).
    public static TheoryData<int[], int[], double, double> SklearnCases => new()
    {
        { [0, 0, 1, 1], [0, 0, 1, 1], 1.0, 1.0 },
        { [0, 0, 1, 1], [1, 1, 0, 0], 1.0, 1.0 },
        { [0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2], 0.5158037429793888, 0.2987924581708899 },
        { [0, 1, 2, 0, 1, 2, 0, 1, 2], [0, 0, 0, 1, 1, 1, 2, 2, 2], 0.0, -0.44115632936888644 },
        { [5, 5, 5, 7, 7, 9, 9, 9, 9, 1], [3, 3, 1, 1, 1, 2, 2, 2, 0, 0], 0.7182659441747596, 0.4965192553954768 },
        { [1, 1, 1], [0, 1, 2], 0.0, 0.0 },
        { [0, 0, 0], [4, 4, 4], 1.0, 1.0 },
    };

    [Theory]
    [MemberData(nameof(SklearnCases))]
    public void MatchScikitLearn(int[] labels, int[] clusters, double nmi, double ami)
    {
        Tolerance.Close(nmi, ClusteringScores.NormalizedMutualInformation(labels, clusters), 0, 1e-12, "NMI");
        Tolerance.Close(ami, ClusteringScores.AdjustedMutualInformation(labels, clusters), 0, 1e-12, "AMI");
    }

    [Fact]
    public void FromPmlsRecordedClusters_MatchExactly()
    {
        var r = PmlReference.Instance;
        Tolerance.Close(r.KMeansValue("self_NMI_from_these_clusters"),
            ClusteringScores.NormalizedMutualInformation(r.ReferenceLabels, r.SelfClusters), 0, 1e-12, "NMI");
        Tolerance.Close(r.KMeansValue("self_AMI_from_these_clusters"),
            ClusteringScores.AdjustedMutualInformation(r.ReferenceLabels, r.SelfClusters), 0, 1e-12, "AMI");
        var separate = r.Result("separate_faiss_IndexFlatL2");
        Tolerance.Close(separate.GetProperty("NMI").GetDouble(),
            ClusteringScores.NormalizedMutualInformation(r.QueryLabels, r.QueryClusters), 0, 1e-12, "query NMI");
        Tolerance.Close(separate.GetProperty("AMI").GetDouble(),
            ClusteringScores.AdjustedMutualInformation(r.QueryLabels, r.QueryClusters), 0, 1e-12, "query AMI");
    }

    [Fact]
    public void InvariantUnderRenamingAndSymmetric()
    {
        var r = PmlReference.Instance;
        var renamed = r.SelfClusters.Select(c => 100 - 7 * c).ToArray();
        double nmi = ClusteringScores.NormalizedMutualInformation(r.ReferenceLabels, r.SelfClusters);
        Tolerance.Close(nmi, ClusteringScores.NormalizedMutualInformation(r.ReferenceLabels, renamed), 0, 1e-12);
        Tolerance.Close(nmi, ClusteringScores.NormalizedMutualInformation(r.SelfClusters, r.ReferenceLabels), 0, 1e-12);
    }

    [Fact]
    public void LengthMismatch_Throws() =>
        Assert.Throws<ArgumentException>(() => ClusteringScores.NormalizedMutualInformation([0, 1], [0]));
}
