using Tango.Core;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Losses;

public class PnpLossTests
{
    public static TheoryData<PnpVariant> Variants => new() { PnpVariant.Ds, PnpVariant.Dq, PnpVariant.Iu,
        PnpVariant.Ib, PnpVariant.O };

    [Theory]
    [MemberData(nameof(Variants))]
    public void MatchesPml(PnpVariant variant)
    {
        var c = ReferenceCase.Load($"PNPLoss_{variant}");
        var loss = new PnpLoss((float)c.Kwarg("b"), (float)c.Kwarg("alpha"), (float)c.Kwarg("anneal"), variant);
        ReferenceRunner.Check(c, loss);
        UnreducedAssert.Matches(c, loss.ComputeUnreduced(c.EmbeddingTensor(), c.Labels));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void MatchesNaiveLoop(PnpVariant variant)
    {
        var x = SeededCases.Normal(5, 9, 4);
        int[] labels = [0, 1, 0, 2, 1, 0, 3, 1, 2];
        var s = NaiveDistances.Dot(x, normalize: true);
        const double tau = 0.2, b = 2, alpha = 1;
        double total = 0;
        int queries = 0;
        for (int i = 0; i < 9; i++)
        {
            var positives = Enumerable.Range(0, 9).Where(j => labels[j] == labels[i]).ToArray();
            if (positives.Length < 2)
            {
                continue;
            }

            double row = 0;
            foreach (int j in positives)
            {
                double r = Enumerable.Range(0, 9).Where(k => labels[k] != labels[i])
                    .Sum(k => 1 / (1 + Math.Exp(-(s[i, k] - s[i, j]) / tau)));
                row += variant switch
                {
                    PnpVariant.Ds => Math.Log(1 + r),
                    PnpVariant.Dq => Math.Pow(1 + r, -alpha),
                    PnpVariant.Iu => (1 + r) * Math.Log(1 + r),
                    PnpVariant.Ib => (b * r - Math.Log(1 + b * r)) / (b * b),
                    _ => r,
                };
            }

            total += row / positives.Length;
            queries++;
        }

        double expected = total / queries;
        expected = variant == PnpVariant.Dq ? 1 - expected : expected;
        float value = new PnpLoss((float)b, (float)alpha, (float)tau, variant).Compute(x, labels).Item();
        Tolerance.Close(expected, value, rtol: 1e-5, atol: 1e-6);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void GradientMatchesFiniteDifferences(PnpVariant variant)
    {
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 3];
        var loss = new PnpLoss(anneal: 0.5f, variant: variant);
        GradCheck.Check(t => loss.Compute(t[0], labels), [SeededCases.Normal(9, 8, 5)], eps: 1e-3f);
    }

    [Fact]
    public void NoQueryWithAPositiveGivesZero()
    {
        var x = SeededCases.Normal(1, 4, 3);
        x.RequiresGrad = true;
        var value = new PnpLoss().Compute(x, [0, 1, 2, 3]);
        value.Backward();
        Assert.Equal(0f, value.Item());
        Assert.All(x.Grad!.ToArray(), g => Assert.Equal(0f, g));
    }
}
