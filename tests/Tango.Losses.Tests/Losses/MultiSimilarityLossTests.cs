using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Losses;

public class MultiSimilarityLossTests
{
    [Theory]
    [InlineData("MultiSimilarityLoss")]
    [InlineData("MultiSimilarityLoss_MultiSimilarityMiner")]
    public void MatchesPml(string name)
    {
        var c = ReferenceCase.Load(name);
        var loss = new MultiSimilarityLoss((float)c.Kwarg("alpha"), (float)c.Kwarg("beta"), (float)c.Kwarg("base"));
        ReferenceRunner.Check(c, loss);
        UnreducedAssert.Matches(c, loss.ComputeUnreduced(c.EmbeddingTensor(), c.Labels, c.Tuples()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void GradientMatchesFiniteDifferences(int distance)
    {
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1, 3, 3];
        var loss = distance == 0
            ? new MultiSimilarityLoss(alpha: 2, beta: 10)
            : new MultiSimilarityLoss(alpha: 2, beta: 10, @base: 0.8f, distance: new LpDistance());
        GradCheck.Check(t => loss.Compute(t[0], labels), [SeededCases.Normal(3, 10, 5)], eps: 1e-3f);
    }

    [Fact]
    public void MatchesNaiveLoop()
    {
        var x = SeededCases.Normal(5, 8, 4);
        int[] labels = [0, 0, 1, 1, 2, 2, 0, 3];
        var s = NaiveDistances.Dot(x, normalize: true);
        double total = 0;
        for (int i = 0; i < 8; i++)
        {
            double pos = 1, neg = 1;
            for (int j = 0; j < 8; j++)
            {
                if (i != j && labels[i] == labels[j])
                {
                    pos += Math.Exp(-2 * (s[i, j] - 0.5));
                }
                else if (labels[i] != labels[j])
                {
                    neg += Math.Exp(10 * (s[i, j] - 0.5));
                }
            }

            total += Math.Log(pos) / 2 + Math.Log(neg) / 10;
        }

        Tolerance.Close(total / 8, new MultiSimilarityLoss(2, 10).Compute(x, labels).Item(), rtol: 1e-5);
    }
}
