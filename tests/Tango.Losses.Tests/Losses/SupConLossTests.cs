using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Losses;

public class SupConLossTests
{
    [Fact]
    public void MatchesPml()
    {
        var c = ReferenceCase.Load("SupConLoss");
        var loss = new SupConLoss((float)c.Kwarg("temperature"));
        ReferenceRunner.Check(c, loss);
        UnreducedAssert.Matches(c, loss.ComputeUnreduced(c.EmbeddingTensor(), c.Labels));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void GradientMatchesFiniteDifferences(int distance)
    {
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1, 3, 4];
        var loss = distance == 0 ? new SupConLoss(0.5f) : new SupConLoss(0.5f, new LpDistance());
        GradCheck.Check(t => loss.Compute(t[0], labels), [SeededCases.Normal(3, 10, 5)], eps: 1e-3f);
    }

    [Fact]
    public void MatchesNaiveLoop()
    {
        var x = SeededCases.Normal(8, 9, 4);
        int[] labels = [0, 0, 1, 1, 1, 2, 2, 3, 0];
        var s = NaiveDistances.Dot(x, normalize: true);
        var losses = new List<double>();
        for (int i = 0; i < 9; i++)
        {
            var others = Enumerable.Range(0, 9).Where(j => j != i).ToArray();
            var pos = others.Where(j => labels[j] == labels[i]).ToArray();
            if (pos.Length == 0)
            {
                continue;
            }

            double log = Math.Log(others.Sum(j => Math.Exp(s[i, j] / 0.2)));
            losses.Add(-pos.Average(p => s[i, p] / 0.2 - log));
        }

        Tolerance.Close(losses.Average(), new SupConLoss(0.2f).Compute(x, labels).Item(), rtol: 1e-5);
    }
}
