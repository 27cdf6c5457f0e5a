using Tango.Search;

namespace Tango.Evaluation.Tests;

/// <summary>
/// Tango's <see cref="KMeansInit.RandomSample"/> k-means follows faiss's Clustering step for step, so it
/// reproduces the exact clusterings faiss produced for pytorch-metric-learning's NMI/AMI.
/// </summary>
public class FaissKMeansCompatibilityTests
{
    [Fact]
    public void RandomSampleKMeans_ReproducesFaissAssignments()
    {
        var r = PmlReference.Instance;
        var self = new KMeans(10, 20, KMeansInit.RandomSample, 1234).Fit(r.Reference);
        Assert.Equal(r.SelfClusters, self.Assignments);
        var query = new KMeans(11, 20, KMeansInit.RandomSample, 1234).Fit(r.Query);
        Assert.Equal(r.QueryClusters, query.Assignments);
    }
}
