using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Losses;

public class HistogramLossTests
{
    [Theory]
    [InlineData("HistogramLoss")]
    [InlineData("HistogramLoss_nbins10")]
    public void MatchesPml(string name)
    {
        var c = ReferenceCase.Load(name);
        var bins = Json.Optional(c.Kwargs!.Value, "n_bins") is { } b ? b.GetInt32() : (int?)null;
        var loss = new HistogramLoss(bins);
        ReferenceRunner.Check(c, loss);
        UnreducedAssert.Matches(c, loss.ComputeUnreduced(c.EmbeddingTensor(), c.Labels));
    }

    [Fact]
    public void MatchesNaiveLoop()
    {
        var x = SeededCases.Normal(4, 10, 3);
        int[] labels = [0, 1, 0, 2, 1, 0, 3, 1, 2, 4];
        var s = NaiveDistances.Dot(x, normalize: true);
        const int bins = 8;
        const double delta = 2.0 / bins;
        var (pos, neg) = (new double[bins + 1], new double[bins + 1]);
        var (np, nn) = (0, 0);
        for (int i = 0; i < 10; i++)
        {
            for (int j = i + 1; j < 10; j++)
            {
                bool same = labels[i] == labels[j];
                bool anchored = labels.Count(l => l == labels[i]) > 1 || labels.Count(l => l == labels[j]) > 1;
                if (!same && !anchored)
                {
                    continue;
                }

                var h = same ? pos : neg;
                _ = same ? np++ : nn++;
                int r = (int)Math.Floor((s[i, j] + 1) / delta);
                h[r + 1] += (s[i, j] + 1 - r * delta) / delta;
                h[r] += ((r + 1) * delta - 1 - s[i, j]) / delta;
            }
        }

        double expected = 0, phi = 0;
        for (int r = 0; r <= bins; r++)
        {
            phi += pos[r] / np;
            expected += neg[r] / nn * phi;
        }

        Tolerance.Close(expected, new HistogramLoss(bins).Compute(x, labels).Item(), rtol: 1e-5, atol: 1e-7);
    }

    [Fact]
    public void TripletsAndEquivalentPairsGiveTheSameValue()
    {
        var x = SeededCases.Normal(6, 8, 4);
        int[] labels = [0, 0, 1, 1, 2, 2, 0, 1];
        var loss = new HistogramLoss(20);
        var triplets = TripletIndices.AllFrom(labels);
        float fromLabels = loss.Compute(x, labels).Item();
        Tolerance.Close(fromLabels, loss.Compute(x, labels, triplets).Item(), rtol: 1e-6);
        Tolerance.Close(fromLabels, loss.Compute(x, labels, PairIndices.AllFrom(labels)).Item(), rtol: 1e-6);
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        // Few bins and a small step keep the finite differences inside one bin.
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 3];
        var loss = new HistogramLoss(numBins: 4);
        GradCheck.Check(t => loss.Compute(t[0], labels), [SeededCases.Normal(2, 8, 5)], eps: 1e-4f, rtol: 5e-2,
            atol: 5e-3);
    }

    [Fact]
    public void ValidatesItsArguments()
    {
        Assert.Throws<ArgumentException>(() => new HistogramLoss(10, 0.3f));
        Assert.Equal(0.2f, new HistogramLoss(10, 0.2f).Delta);
        Assert.Equal(0.02f, new HistogramLoss().Delta);
        Assert.Throws<ArgumentException>(() => new HistogramLoss(distance: new LpDistance()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HistogramLoss(0));
    }
}
