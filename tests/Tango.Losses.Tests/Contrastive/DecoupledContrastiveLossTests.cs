using Tango.Core;
using Tango.Losses.Contrastive;
using Tango.Losses.Distances;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Contrastive;

public class DecoupledContrastiveLossTests
{
    private static readonly int[] Labels = [0, 0, 0, 1, 1, 2, 2, 2, 3, 4];

    // Yeh et al. 2022: L = −s_ap/τ + log Σ_{n∈N(a)} e^{s_an/τ}, averaged over positive pairs.
    [Fact]
    public void MatchesThePaperFormulaWithLabels()
    {
        var x = SeededCases.Normal(11, 10, 4);
        var s = NaiveDistances.Dot(x, normalize: true);
        var losses = new List<double>();
        for (int a = 0; a < Labels.Length; a++)
        {
            var (pos, neg) = Naive.Split(Labels, a);
            losses.AddRange(pos.Select(p => -s[a, p] / 0.1 + Naive.LogSumExp(neg.Select(n => s[a, n] / 0.1))));
        }

        Tolerance.Close(losses.Average(), new DecoupledContrastiveLoss().Compute(x, Labels).Item(), rtol: 1e-5);
    }

    // The paper's two-view form (both directions) with DCLW's weight w_i = 2 − e^{s_i/σ}/mean_k e^{s_k/σ}.
    [Theory]
    [InlineData(null)]
    [InlineData(0.5f)]
    public void MatchesTheTwoViewFormula(float? sigma)
    {
        int n = 5;
        var z1 = SeededCases.Normal(3, n, 4);
        var z2 = SeededCases.Normal(4, n, 4);
        var u = NaiveDistances.Dot(z1, true, z2);
        var aa = NaiveDistances.Dot(z1, true);
        var bb = NaiveDistances.Dot(z2, true);
        double mean = Enumerable.Range(0, n).Average(i => Math.Exp(u[i, i] / (sigma ?? 1f)));
        var losses = new List<double>();
        for (int i = 0; i < n; i++)
        {
            double w = sigma is null ? 1 : 2 - Math.Exp(u[i, i] / sigma.Value) / mean;
            var others = Enumerable.Range(0, n).Where(k => k != i).ToArray();
            losses.Add(-w * u[i, i] / 0.1 + Naive.LogSumExp(others.SelectMany(k => new[] { aa[i, k], u[i, k] })
                .Select(v => v / 0.1)));
            losses.Add(-w * u[i, i] / 0.1 + Naive.LogSumExp(others.SelectMany(k => new[] { bb[i, k], u[k, i] })
                .Select(v => v / 0.1)));
        }

        var loss = new SelfSupervisedLoss(new DecoupledContrastiveLoss(weightSigma: sigma));
        Tolerance.Close(losses.Average(), loss.Compute(z1, z2).Item(), rtol: 1e-5);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void GradientMatchesFiniteDifferences(int variant)
    {
        var loss = variant switch
        {
            0 => new DecoupledContrastiveLoss(0.5f),
            1 => new DecoupledContrastiveLoss(0.5f, weightSigma: 0.5f),
            _ => new DecoupledContrastiveLoss(0.5f, distance: new LpDistance()),
        };
        GradCheck.Check(t => loss.Compute(t[0], Labels), [SeededCases.Normal(5, 10, 4)], eps: 1e-3f);
    }

    [Fact]
    public void OneClassGivesZero()
    {
        // One class: no anchor has a negative, and the loss is 0 with a zero gradient (not −∞).
        var x = SeededCases.Normal(8, 4, 3);
        x.RequiresGrad = true;
        var value = new DecoupledContrastiveLoss().Compute(x, [0, 0, 0, 0]);
        value.Backward();
        Assert.Equal(0f, value.Item());
        Assert.All(x.Grad!.ToArray(), g => Assert.Equal(0f, g));
    }
}
