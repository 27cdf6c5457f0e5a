using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Losses;

public class ThresholdConsistentMarginLossTests
{
    [Fact]
    public void MatchesPml()
    {
        var c = ReferenceCase.Load("ThresholdConsistentMarginLoss");
        var loss = new ThresholdConsistentMarginLoss((float)c.Kwarg("lambda_plus"), (float)c.Kwarg("lambda_minus"),
            (float)c.Kwarg("margin_plus"), (float)c.Kwarg("margin_minus"));
        ReferenceRunner.Check(c, loss);
        UnreducedAssert.Matches(c, loss.ComputeUnreduced(c.EmbeddingTensor(), c.Labels));
    }

    [Fact]
    public void MatchesNaiveLoop()
    {
        var x = SeededCases.Normal(2, 9, 4);
        int[] labels = [0, 1, 0, 2, 1, 0, 3, 1, 2];
        var s = NaiveDistances.Dot(x, normalize: true);
        var (pos, neg) = (new List<double>(), new List<double>());
        for (int i = 0; i < 9; i++)
        {
            for (int j = 0; j < 9; j++)
            {
                if (i != j && labels[i] == labels[j] && s[i, j] <= 0.6)
                {
                    pos.Add(0.6 - s[i, j]);
                }
                else if (labels[i] != labels[j] && s[i, j] >= -0.1)
                {
                    neg.Add(s[i, j] + 0.1);
                }
            }
        }

        double expected = 0.5 * pos.DefaultIfEmpty().Average() + 2 * neg.DefaultIfEmpty().Average();
        var loss = new ThresholdConsistentMarginLoss(0.5f, 2f, 0.6f, -0.1f);
        Tolerance.Close(expected, loss.Compute(x, labels).Item(), rtol: 1e-5);
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 3];
        var loss = new ThresholdConsistentMarginLoss(marginPlus: 0.5f, marginMinus: 0f);
        GradCheck.Check(t => loss.Compute(t[0], labels), [SeededCases.Normal(3, 8, 5)], eps: 1e-3f);
    }

    [Fact]
    public void HonoursReferenceEmbeddings()
    {
        var x = SeededCases.Normal(2, 6, 4);
        var r = SeededCases.Normal(3, 5, 4);
        int[] labels = [0, 1, 0, 1, 2, 2];
        int[] refLabels = [1, 0, 2, 2, 0];
        var s = NaiveDistances.Dot(x, normalize: true, r);
        var (pos, neg) = (new List<double>(), new List<double>());
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                if (labels[i] == refLabels[j] && s[i, j] <= 0.9)
                {
                    pos.Add(0.9 - s[i, j]);
                }
                else if (labels[i] != refLabels[j] && s[i, j] >= 0.5)
                {
                    neg.Add(s[i, j] - 0.5);
                }
            }
        }

        double expected = pos.DefaultIfEmpty().Average() + neg.DefaultIfEmpty().Average();
        var value = new ThresholdConsistentMarginLoss().Compute(x, labels, refEmbeddings: r, refLabels: refLabels);
        Tolerance.Close(expected, value.Item(), rtol: 1e-5);
    }

    [Fact]
    public void NeedsCosine() =>
        Assert.Throws<ArgumentException>(() => new ThresholdConsistentMarginLoss(distance: new LpDistance()));
}
