using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Losses;

public class RankedListLossTests
{
    [Fact]
    public void MatchesPml()
    {
        var c = ReferenceCase.Load("RankedListLoss");
        var loss = new RankedListLoss((float)c.Kwarg("margin"), (float)c.Kwarg("Tn"), (float)c.Kwarg("imbalance"),
            tp: (float)c.Kwarg("Tp"));
        Assert.Equal(1.2f, loss.Alpha);
        ReferenceRunner.Check(c, loss);
        UnreducedAssert.Matches(c, loss.ComputeUnreduced(c.EmbeddingTensor(), c.Labels));
    }

    [Theory]
    [InlineData(0f, 10f)]
    [InlineData(2f, 3f)]
    public void MatchesNaiveLoop(float tp, float tn)
    {
        var x = SeededCases.Normal(2, 9, 4);
        int[] labels = [0, 1, 0, 2, 1, 0, 3, 1, 2];
        var d = NaiveDistances.Euclidean(x, normalize: true);
        const double margin = 0.5, alpha = 1.1, lambda = 0.3;
        var expected = new float[9];
        for (int i = 0; i < 9; i++)
        {
            double numP = 0, denP = 9e-5, numN = 0, denN = 9e-5;
            for (int j = 0; j < 9; j++)
            {
                if (j != i && labels[j] == labels[i] && d[i, j] > alpha - margin)
                {
                    double w = Math.Exp(tp * (d[i, j] - alpha + margin));
                    (numP, denP) = (numP + w * (d[i, j] - alpha + margin), denP + w);
                }
                else if (labels[j] != labels[i] && d[i, j] < alpha)
                {
                    double w = Math.Exp(tn * (alpha - d[i, j]));
                    (numN, denN) = (numN + w * (alpha - d[i, j]), denN + w);
                }
            }

            expected[i] = (float)((1 - lambda) * numP / denP + lambda * numN / denN);
        }

        var loss = new RankedListLoss((float)margin, tn, (float)lambda, (float)alpha, tp);
        Tolerance.Close(expected, loss.ComputeUnreduced(x, labels)["loss"].Losses!.ToArray(), rtol: 1e-5);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void GradientMatchesFiniteDifferences(int distance)
    {
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 3];
        Distance dist = distance switch
        {
            0 => new LpDistance(),
            1 => new LpDistance(power: 2f),
            2 => new LpDistance(p: 1f),
            _ => new SnrDistance(),
        };
        var loss = new RankedListLoss(margin: 0.4f, tn: 2f, tp: 1f, alpha: distance >= 2 ? 2f : null, distance: dist);
        GradCheck.Check(t => loss.Compute(t[0], labels), [SeededCases.Normal(3, 8, 5)], eps: 1e-3f);
    }

    [Fact]
    public void ValidatesItsArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RankedListLoss(0.4f, 10f, imbalance: 1.5f));
        Assert.Throws<ArgumentException>(() => new RankedListLoss(0.4f, 10f, distance: new CosineSimilarity()));
    }
}
