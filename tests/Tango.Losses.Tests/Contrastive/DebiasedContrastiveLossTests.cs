using Tango.Core;
using Tango.Losses.Contrastive;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Contrastive;

public class DebiasedContrastiveLossTests
{
    internal static readonly int[] Labels = [0, 0, 1, 1, 1, 2, 2, 3, 4, 0];

    // Robinson et al. 2021 (β = 0: Chuang et al. 2020): Ng = max((N·Σ w_n e^{s_n/τ} − τ⁺N e^{s_p/τ})/(1 − τ⁺),
    // N e^{−1/τ}) with w = softmax(β s/τ); L = −log(e^{s_p/τ}/(e^{s_p/τ} + Ng)), mean over positive pairs.
    internal static double Expected(Tensor x, int[] labels, double tau, double beta, double tauPlus)
    {
        var s = NaiveDistances.Dot(x, normalize: true);
        var losses = new List<double>();
        for (int a = 0; a < labels.Length; a++)
        {
            var (pos, neg) = Naive.Split(labels, a);
            if (neg.Length == 0)
            {
                continue;
            }

            int count = neg.Length;
            var imp = neg.Select(k => Math.Exp(beta * s[a, k] / tau)).ToArray();
            double reweighted = count * neg.Select((k, i) => imp[i] * Math.Exp(s[a, k] / tau)).Sum() / imp.Sum();
            foreach (int p in pos)
            {
                double e = Math.Exp(s[a, p] / tau);
                double ng = Math.Max((reweighted - tauPlus * count * e) / (1 - tauPlus), count * Math.Exp(-1 / tau));
                losses.Add(-Math.Log(e / (e + ng)));
            }
        }

        return losses.Average();
    }

    [Theory]
    [InlineData(0.5f, 0.1f)]
    [InlineData(0.2f, 0.3f)]
    [InlineData(0.5f, 0.9f)] // the floor binds for some pairs
    public void MatchesThePaperFormula(float tau, float tauPlus)
    {
        var x = SeededCases.Normal(31, 10, 4);
        Tolerance.Close(Expected(x, Labels, tau, 0, tauPlus),
            new DebiasedContrastiveLoss(tau, tauPlus).Compute(x, Labels).Item(), rtol: 1e-5);
    }

    [Fact]
    public void WithoutAClassPriorItIsNtXent()
    {
        var x = SeededCases.Normal(32, 10, 4);
        Tolerance.Close(new NtXentLoss(0.5f).Compute(x, Labels).Item(),
            new DebiasedContrastiveLoss(0.5f, 0f).Compute(x, Labels).Item(), rtol: 1e-5);
    }

    [Theory]
    [InlineData(0.1f)]
    [InlineData(0.9f)]
    public void GradientMatchesFiniteDifferences(float tauPlus)
    {
        var loss = new DebiasedContrastiveLoss(0.5f, tauPlus);
        GradCheck.Check(t => loss.Compute(t[0], Labels), [SeededCases.Normal(33, 10, 4)], eps: 1e-3f);
    }

    [Fact]
    public void RejectsAClassPriorOfOne() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DebiasedContrastiveLoss(tauPlus: 1f));
}
