using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Losses;

public class NtXentLossTests
{
    [Theory]
    [InlineData("NTXentLoss")]
    [InlineData("NTXentLoss_t0.5")]
    public void MatchesPml(string name)
    {
        var c = ReferenceCase.Load(name);
        var loss = new NtXentLoss((float)c.Kwarg("temperature"));
        ReferenceRunner.Check(c, loss);
        UnreducedAssert.Matches(c, loss.ComputeUnreduced(c.EmbeddingTensor(), c.Labels));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void GradientMatchesFiniteDifferences(int distance)
    {
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1, 3, 4];
        var loss = distance == 0 ? new NtXentLoss(0.5f) : new NtXentLoss(0.5f, new LpDistance());
        GradCheck.Check(t => loss.Compute(t[0], labels), [SeededCases.Normal(3, 10, 5)], eps: 1e-3f);
    }

    [Fact]
    public void MatchesNaivePositivesTimesNegativesForm()
    {
        var x = SeededCases.Normal(6, 8, 3);
        int[] labels = [0, 0, 1, 1, 2, 2, 2, 3];
        var s = NaiveDistances.Dot(x, normalize: true);
        var losses = new List<double>();
        for (int a = 0; a < 8; a++)
        {
            for (int p = 0; p < 8; p++)
            {
                if (p == a || labels[p] != labels[a])
                {
                    continue;
                }

                double den = Math.Exp(s[a, p] / 0.1) + Enumerable.Range(0, 8).Where(n => labels[n] != labels[a])
                    .Sum(n => Math.Exp(s[a, n] / 0.1));
                losses.Add(-Math.Log(Math.Exp(s[a, p] / 0.1) / den));
            }
        }

        Tolerance.Close(losses.Average(), new NtXentLoss(0.1f).Compute(x, labels).Item(), rtol: 1e-5);
    }
}
