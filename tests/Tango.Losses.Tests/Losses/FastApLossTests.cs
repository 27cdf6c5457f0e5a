using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Losses;

public class FastApLossTests
{
    [Fact]
    public void MatchesPml()
    {
        var c = ReferenceCase.Load("FastAPLoss");
        var loss = new FastApLoss((int)c.Kwarg("num_bins"));
        ReferenceRunner.Check(c, loss);
        UnreducedAssert.Matches(c, loss.ComputeUnreduced(c.EmbeddingTensor(), c.Labels));
    }

    [Fact]
    public void MatchesNaiveLoop()
    {
        var x = SeededCases.Normal(4, 9, 4);
        int[] labels = [0, 1, 0, 2, 1, 0, 3, 1, 2];
        var d = NaiveDistances.Euclidean(x, normalize: true);
        const int bins = 6;
        const double delta = 4.0 / bins;
        var losses = new List<double>();
        for (int i = 0; i < 9; i++)
        {
            int npos = labels.Count(l => l == labels[i]) - 1;
            if (npos == 0)
            {
                continue;
            }

            var (hp, hn) = (new double[bins + 1], new double[bins + 1]);
            for (int j = 0; j < 9; j++)
            {
                for (int e = 0; e <= bins && j != i; e++)
                {
                    double pulse = Math.Max(0, 1 - Math.Abs(d[i, j] * d[i, j] - e * delta) / delta);
                    (labels[j] == labels[i] ? hp : hn)[e] += pulse;
                }
            }

            double ap = 0, cp = 0, ct = 0;
            for (int e = 0; e <= bins; e++)
            {
                cp += hp[e];
                ct += hp[e] + hn[e];
                ap += hp[e] * cp > 0 && ct > 0 ? hp[e] * cp / ct : 0;
            }

            losses.Add(1 - ap / npos);
        }

        Tolerance.Close(losses.Average(), new FastApLoss(bins).Compute(x, labels).Item(), rtol: 1e-5);
    }

    [Fact]
    public void TuplesWeighQueriesByTheirCount()
    {
        var x = SeededCases.Normal(3, 6, 4);
        int[] labels = [0, 0, 0, 1, 1, 1];
        var loss = new FastApLoss();
        var all = loss.ComputeUnreduced(x, labels)["loss"].Losses!.ToArray();
        // Element 0 occurs three times in (a1, p, a2, n), 1, 2 and 3 once, 4 and 5 never.
        var pairs = new PairIndices([0, 1], [2, 0], [0], [3]);
        var weighted = loss.ComputeUnreduced(x, labels, pairs)["loss"].Losses!.ToArray();
        float[] w = [1f, 1f / 3, 1f / 3, 1f / 3, 0f, 0f];
        Tolerance.Close([.. all.Select((v, i) => v * w[i])], weighted, rtol: 1e-6);
    }

    [Theory]
    [InlineData(2f)]
    [InlineData(1f)]
    public void GradientMatchesFiniteDifferences(float power)
    {
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 3, 3];
        var loss = new FastApLoss(numBins: 5, distance: new LpDistance(power: power));
        GradCheck.Check(t => loss.Compute(t[0], labels), [SeededCases.Normal(power == 2f ? 5UL : 7UL, 9, 4)],
            eps: 1e-4f, rtol: 5e-2, atol: 5e-3);
    }

    [Fact]
    public void NeedsAUnitEuclideanDistance()
    {
        Assert.Throws<ArgumentException>(() => new FastApLoss(distance: new CosineSimilarity()));
        Assert.Throws<ArgumentException>(() => new FastApLoss(distance: new LpDistance(normalizeEmbeddings: false)));
    }
}
