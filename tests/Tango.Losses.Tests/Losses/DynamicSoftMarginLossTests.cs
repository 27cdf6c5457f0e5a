using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Losses;

public class DynamicSoftMarginLossTests
{
    [Fact]
    public void MatchesPmlOnTheFirstCall()
    {
        var c = ReferenceCase.Load("DynamicSoftMarginLoss");
        var loss = new DynamicSoftMarginLoss((float)c.Kwarg("min_val"), (int)c.Kwarg("num_bins"),
            (float)c.Kwarg("momentum"));
        ReferenceRunner.Check(c, loss);
        Tolerance.Close(1.0, loss.Histogram.Sum(), rtol: 1e-6);
        loss.ResetHistogram();
        UnreducedAssert.Matches(c, loss.ComputeUnreduced(c.EmbeddingTensor(), c.Labels));
    }

    [Fact]
    public void KeepsAMovingAverageAcrossCalls()
    {
        var x1 = SeededCases.Normal(2, 8, 4);
        var x2 = SeededCases.Normal(3, 8, 4);
        int[] labels = [0, 1, 0, 1, 2, 2, 0, 1];
        var running = new DynamicSoftMarginLoss(momentum: 0.25f);
        running.Compute(x1, labels);
        var first = running.Histogram.ToArray();
        float second = running.Compute(x2, labels).Item();

        var fresh = new DynamicSoftMarginLoss(momentum: 0.25f);
        fresh.Compute(x2, labels);
        var batch = fresh.Histogram.ToArray();

        // As PML: the old (normalised) histogram blends with the batch's raw counts (T differences), then
        // normalises again.
        int count = Triplets(labels).Count();
        var blend = first.Zip(batch, (h, b) => 0.75 * h + 0.25 * b * count).ToArray();
        var expected = blend.Select(v => v / blend.Sum()).ToArray();
        Tolerance.Close([.. expected.Select(v => (float)v)], [.. running.Histogram], rtol: 1e-5, atol: 1e-7);

        // The value weighs each difference with the CDF of the blended histogram.
        var d = NaiveDistances.Euclidean(x2, normalize: true);
        var cdf = expected.Select((_, b) => expected.Take(b + 1).Sum()).ToArray();
        var values = new List<double>();
        foreach (var t in Triplets(labels))
        {
            double diff = d[t.A, t.P] - d[t.A, t.N];
            values.Add(cdf[(int)Math.Floor((diff + 2) / 0.4)] * diff);
        }

        Tolerance.Close(values.Average(), second, rtol: 1e-5, atol: 1e-7);
    }

    [Theory]
    [InlineData(1f)]
    [InlineData(2f)]
    public void GradientMatchesFiniteDifferences(float power)
    {
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 3];
        var loss = new DynamicSoftMarginLoss(minVal: -2f * power, numBins: 6, distance: new LpDistance(power: power));
        GradCheck.Check(t =>
        {
            loss.ResetHistogram();
            return loss.Compute(t[0], labels);
        }, [SeededCases.Normal(3, 8, 5)], eps: 1e-4f, rtol: 5e-2, atol: 5e-3);
    }

    [Fact]
    public void WithoutLabelsMatchesRowsWithTheirReference()
    {
        var x = SeededCases.Normal(4, 5, 3);
        var r = SeededCases.Normal(5, 5, 3);
        var loss = new DynamicSoftMarginLoss(minVal: -3f, numBins: 6);
        float value = loss.Compute(x, refEmbeddings: r).Item();
        var d = NaiveDistances.Euclidean(x, normalize: true, r);
        var diffs = Enumerable.Range(0, 5).Select(i => d[i, i] - Enumerable.Range(0, 5).Where(k => k != i)
            .Min(k => Math.Min(d[k, i], d[i, k]))).ToArray();
        var hist = new double[6];
        foreach (double x0 in diffs)
        {
            double u = (x0 + 3) / 1.0;
            int lo = (int)Math.Floor(u);
            hist[lo] += 1 - (u - lo);
            hist[Math.Min(lo + 1, 5)] += u - lo;
        }

        var cdf = hist.Select((_, b) => hist.Take(b + 1).Sum() / 5).ToArray();
        double expected = diffs.Average(x0 => cdf[(int)Math.Floor(x0 + 3)] * x0);
        Tolerance.Close(expected, value, rtol: 1e-5, atol: 1e-7);
        GradCheck.Check(t =>
        {
            loss.ResetHistogram();
            return loss.Compute(t[0], refEmbeddings: t[1]);
        }, [x, r], eps: 1e-4f, rtol: 5e-2, atol: 5e-3);
    }

    [Fact]
    public void NeedsAUnitEuclideanDistance() =>
        Assert.Throws<ArgumentException>(() => new DynamicSoftMarginLoss(distance: new CosineSimilarity()));

    private static IEnumerable<(int A, int P, int N)> Triplets(int[] labels) =>
        from a in Enumerable.Range(0, labels.Length)
        from p in Enumerable.Range(0, labels.Length)
        from n in Enumerable.Range(0, labels.Length)
        where p != a && labels[p] == labels[a] && labels[n] != labels[a]
        select (a, p, n);
}
