using Tango.Core;
using Tango.TestKit;

namespace Tango.Search.Tests;

public class KMeansTests
{
    // Four tight, far-apart blobs of 50 points in 5-D; point i belongs to blob i % 4.
    private static float[] Blobs(ulong seed, out int[] truth)
    {
        const int n = 200, d = 5;
        var rng = new Rng(seed);
        var x = new float[n * d];
        truth = new int[n];
        for (int i = 0; i < n; i++)
        {
            truth[i] = i % 4;
            for (int j = 0; j < d; j++)
            {
                x[i * d + j] = (j == truth[i] ? 20f : 0f) + 0.5f * rng.NextNormal();
            }
        }

        return x;
    }

    [Theory]
    [InlineData(KMeansInit.KMeansPlusPlus)]
    [InlineData(KMeansInit.RandomSample)]
    public void Fit_RecoversSeparatedBlobs(KMeansInit init)
    {
        var x = Blobs(1, out var truth);
        var result = new KMeans(4, 25, init, seed: 7).Fit(x, 5);
        // The same partition up to renaming: points of one blob share a cluster, different blobs differ.
        var map = new Dictionary<int, int>();
        for (int i = 0; i < truth.Length; i++)
        {
            Assert.Equal(map.GetValueOrDefault(truth[i], result.Assignments[i]), result.Assignments[i]);
            map[truth[i]] = result.Assignments[i];
        }

        Assert.Equal(4, map.Values.Distinct().Count());
        Assert.True(result.Iterations < 25);
    }

    [Fact]
    public void Inertia_EqualsTheSumOfSquaredDistancesToAssignedCentroids()
    {
        var x = Blobs(2, out _);
        var r = new KMeans(6).Fit(x, 5);
        double expected = 0;
        for (int i = 0; i < 200; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                double diff = x[i * 5 + j] - r.Centroids[r.Assignments[i] * 5 + j];
                expected += diff * diff;
            }
        }

        Tolerance.Close(expected, r.Inertia, 1e-4, 1e-6, "inertia");
        Assert.Equal(r.Assignments, r.Predict(x));
        Assert.Equal("(6, 5)", r.CentroidTensor().ShapeString);
    }

    [Fact]
    public void Centroids_AreTheMeansOfTheirPoints_AtConvergence()
    {
        var x = Blobs(3, out _);
        var r = new KMeans(4, 50).Fit(x, 5);
        for (int c = 0; c < 4; c++)
        {
            var members = Enumerable.Range(0, 200).Where(i => r.Assignments[i] == c).ToArray();
            for (int j = 0; j < 5; j++)
            {
                double mean = members.Average(i => (double)x[i * 5 + j]);
                Tolerance.Close(mean, r.Centroids[c * 5 + j], 1e-5, 1e-5, $"centroid {c}[{j}]");
            }
        }
    }

    [Theory]
    [InlineData(KMeansInit.KMeansPlusPlus)]
    [InlineData(KMeansInit.RandomSample)]
    public void Fit_IsDeterministicForASeed(KMeansInit init)
    {
        var x = BruteForce.Normal(4, 300 * 3);
        var a = new KMeans(7, 10, init, 99).Fit(x, 3);
        var b = new KMeans(7, 10, init, 99).Fit(x, 3);
        Assert.Equal(a.Centroids, b.Centroids);
        Assert.Equal(a.Assignments, b.Assignments);
    }

    [Fact]
    public void EmptyClusters_AreRepairedBySplitting()
    {
        // Three distinct points, each repeated: with k = 5 the random init must pick duplicates, leaving clusters
        // empty; the split repair (a copy nudged by ±1/1024) still gives every distinct point its own cluster.
        float[] x = [.. Enumerable.Range(0, 30).SelectMany(i => new[] { (float)(i % 3) * 10f, 1f })];
        var r = new KMeans(5, 20, KMeansInit.RandomSample, 3).Fit(x, 2);
        Assert.InRange(r.Inertia, 0.0, 30 * 2 * Math.Pow(20.0 / 1024, 2));
        Assert.Equal(3, r.Assignments.Distinct().Count());
        Assert.All(r.Centroids, c => Assert.True(float.IsFinite(c)));
    }

    [Fact]
    public void Subsampling_UsesAtMostMaxPointsPerCluster_ButAssignsEveryPoint()
    {
        var x = Blobs(5, out var truth);
        var r = new KMeans(4, 25, KMeansInit.KMeansPlusPlus, 1) { MaxPointsPerCluster = 10 }.Fit(x, 5);
        Assert.Equal(200, r.Assignments.Length);
        Assert.Equal(4, r.Assignments.Distinct().Count());
        Assert.All(Enumerable.Range(0, 200), i =>
            Assert.Equal(r.Assignments[truth[i]], r.Assignments[i]));
    }

    [Fact]
    public void InnerProductAssignment_PicksTheLargestDotProduct_AndCentroidsStayMeans()
    {
        var x = Blobs(6, out _);
        var r = new KMeans(5, 30, KMeansInit.RandomSample, 2) { Metric = MetricKind.InnerProduct }.Fit(x, 5);
        Assert.Equal(MetricKind.InnerProduct, r.Metric);
        for (int i = 0; i < 200; i++)
        {
            double Dot(int c) => Enumerable.Range(0, 5).Sum(j => (double)x[i * 5 + j] * r.Centroids[c * 5 + j]);
            int best = Enumerable.Range(0, 5).MaxBy(Dot);
            Assert.True(Dot(r.Assignments[i]) >= Dot(best) - 1e-3);
        }
    }

    [Fact]
    public void Spherical_KeepsUnitNormCentroids()
    {
        var x = Blobs(7, out _);
        var r = new KMeans(4, 10, KMeansInit.RandomSample, 1)
        {
            Metric = MetricKind.InnerProduct, Spherical = true,
        }.Fit(x, 5);
        for (int c = 0; c < 4; c++)
        {
            double norm = Math.Sqrt(Enumerable.Range(0, 5).Sum(j => Math.Pow(r.Centroids[c * 5 + j], 2)));
            Assert.Equal(1.0, norm, 5);
        }
    }

    [Fact]
    public void KEqualsN_CopiesThePoints()
    {
        float[] x = [1f, 2f, 3f, 4f];
        var r = new KMeans(2).Fit(x, 2);
        Assert.Equal(x, r.Centroids);
        Assert.Equal([0, 1], r.Assignments);
        Assert.Equal(0.0, r.Inertia);
    }

    [Fact]
    public void BadInput_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new KMeans(0));
        Assert.Throws<ArgumentException>(() => new KMeans(3).Fit([1f, 2f, 3f, 4f], 2));
        Assert.Contains("point 1 has a non-finite value",
            Assert.Throws<ArgumentException>(() => new KMeans(1).Fit([1f, 2f, float.NaN, 4f], 2)).Message,
            StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new KMeans(1).Fit(Tensor.Zeros(3)));
    }
}
