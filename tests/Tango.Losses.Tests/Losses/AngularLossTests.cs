using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Losses;

public class AngularLossTests
{
    [Fact]
    public void MatchesPml()
    {
        var c = ReferenceCase.Load("AngularLoss");
        var loss = new AngularLoss((float)c.Kwarg("alpha"));
        ReferenceRunner.Check(c, loss);
        UnreducedAssert.Matches(c, loss.ComputeUnreduced(c.EmbeddingTensor(), c.Labels));
    }

    [Fact]
    public void MatchesNaiveLoopWithReferenceEmbeddings()
    {
        var x = SeededCases.Normal(2, 6, 4);
        var r = SeededCases.Normal(3, 7, 4).Mul(1.5f).Detach();
        int[] labels = [0, 1, 0, 2, 1, 0];
        int[] refLabels = [1, 0, 2, 2, 0, 1, 3];
        var xn = NaiveDistances.Rows(x, normalize: true);
        var rn = NaiveDistances.Rows(r, normalize: true);
        var raw = NaiveDistances.Rows(r, normalize: false);
        double t = Math.Pow(Math.Tan(35 * Math.PI / 180), 2);
        var expected = new List<float>();
        for (int a = 0; a < 6; a++)
        {
            for (int p = 0; p < 7; p++)
            {
                if (labels[a] != refLabels[p])
                {
                    continue;
                }

                double ap = Enumerable.Range(0, 4).Sum(k => xn[a, k] * rn[p, k]);
                double sum = 1;
                for (int n = 0; n < 7; n++)
                {
                    if (refLabels[n] != labels[a])
                    {
                        double dot = Enumerable.Range(0, 4).Sum(k => (xn[a, k] + rn[p, k]) * raw[n, k]);
                        sum += Math.Exp(4 * t * dot - 2 * (1 + t) * ap);
                    }
                }

                expected.Add((float)Math.Log(sum));
            }
        }

        var unreduced = new AngularLoss(35f).ComputeUnreduced(x, labels, refEmbeddings: r, refLabels: refLabels);
        Tolerance.Close([.. expected], unreduced["loss"].Losses!.ToArray(), rtol: 1e-5);
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 3];
        var loss = new AngularLoss(30f);
        GradCheck.Check(t => loss.Compute(t[0], labels), [SeededCases.Normal(3, 8, 5)], eps: 1e-3f);
    }

    [Fact]
    public void GradientMatchesFiniteDifferencesWithReferenceEmbeddings()
    {
        int[] labels = [0, 1, 2, 0, 1];
        int[] refLabels = [2, 1, 0, 0, 1, 3];
        var loss = new AngularLoss(30f);
        GradCheck.Check(t => loss.Compute(t[0], labels, refEmbeddings: t[1], refLabels: refLabels),
            [SeededCases.Normal(3, 5, 4), SeededCases.Normal(4, 6, 4)], eps: 1e-3f);
    }

    [Fact]
    public void ValidatesItsArguments()
    {
        Assert.Throws<ArgumentException>(() => new AngularLoss(distance: new CosineSimilarity()));
        Assert.Throws<ArgumentException>(() => new AngularLoss(distance: new LpDistance(power: 2f)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AngularLoss(90f));
    }
}
