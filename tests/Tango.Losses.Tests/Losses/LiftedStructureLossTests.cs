using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Losses;

public class LiftedStructureLossTests
{
    [Fact]
    public void MatchesPml()
    {
        var c = ReferenceCase.Load("LiftedStructureLoss");
        var loss = new LiftedStructureLoss((float)c.Kwarg("neg_margin"), (float)c.Kwarg("pos_margin"));
        ReferenceRunner.Check(c, loss);
        UnreducedAssert.Matches(c, loss.ComputeUnreduced(c.EmbeddingTensor(), c.Labels));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void GradientMatchesFiniteDifferences(int distance)
    {
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1, 3, 4];
        var loss = distance == 0
            ? new LiftedStructureLoss(negMargin: 1.5f)
            : new LiftedStructureLoss(negMargin: 0.2f, posMargin: 0.9f, distance: new CosineSimilarity());
        GradCheck.Check(t => loss.Compute(t[0], labels), [SeededCases.Normal(3, 10, 5)], eps: 1e-3f);
    }

    [Fact]
    public void MatchesNaiveUnionOfNegatives()
    {
        var x = SeededCases.Normal(2, 8, 3);
        int[] labels = [0, 0, 1, 1, 2, 2, 2, 3];
        var d = NaiveDistances.Euclidean(x, normalize: true);
        var losses = new List<double>();
        for (int i = 0; i < 8; i++)
        {
            for (int j = 0; j < 8; j++)
            {
                if (i == j || labels[i] != labels[j])
                {
                    continue;
                }

                double sum = 0;
                foreach (int k in new[] { i, j })
                {
                    sum += Enumerable.Range(0, 8).Where(l => labels[l] != labels[k]).Sum(l => Math.Exp(1.2 - d[k, l]));
                }

                losses.Add(Math.Pow(Math.Max(Math.Log(sum) + d[i, j], 0), 2) / 2);
            }
        }

        Tolerance.Close(losses.Average(), new LiftedStructureLoss(1.2f).Compute(x, labels).Item(), rtol: 1e-5);
    }
}
