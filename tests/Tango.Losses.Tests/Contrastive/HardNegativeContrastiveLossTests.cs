using Tango.Losses.Contrastive;

namespace Tango.Losses.Tests.Contrastive;

public class HardNegativeContrastiveLossTests
{
    private static readonly int[] Labels = DebiasedContrastiveLossTests.Labels;

    [Theory]
    [InlineData(0.5f, 1f, 0.1f)]
    [InlineData(0.5f, 0.5f, 0f)]
    [InlineData(0.2f, 2f, 0.2f)]
    public void MatchesThePaperFormula(float tau, float beta, float tauPlus)
    {
        var x = SeededCases.Normal(41, 10, 4);
        Tolerance.Close(DebiasedContrastiveLossTests.Expected(x, Labels, tau, beta, tauPlus),
            new HardNegativeContrastiveLoss(tau, beta, tauPlus).Compute(x, Labels).Item(), rtol: 1e-5);
    }

    [Fact]
    public void ZeroConcentrationIsTheDebiasedLoss()
    {
        var x = SeededCases.Normal(42, 10, 4);
        Tolerance.Close(new DebiasedContrastiveLoss(0.5f, 0.1f).Compute(x, Labels).Item(),
            new HardNegativeContrastiveLoss(0.5f, 0f, 0.1f).Compute(x, Labels).Item(), rtol: 1e-6);
    }

    [Theory]
    [InlineData(1f, 0.1f)]
    [InlineData(2f, 0f)]
    public void GradientMatchesFiniteDifferences(float beta, float tauPlus)
    {
        var loss = new HardNegativeContrastiveLoss(0.5f, beta, tauPlus);
        GradCheck.Check(t => loss.Compute(t[0], Labels), [SeededCases.Normal(43, 10, 4)], eps: 1e-3f);
    }

    [Fact]
    public void LargerConcentrationWeighsHarderNegatives()
    {
        // More weight on the most similar negatives can only raise the estimate of the negative term.
        var x = SeededCases.Normal(44, 10, 4);
        float soft = new HardNegativeContrastiveLoss(0.5f, 0f, 0f).Compute(x, Labels).Item();
        float hard = new HardNegativeContrastiveLoss(0.5f, 3f, 0f).Compute(x, Labels).Item();
        Assert.True(hard > soft, $"β = 3 gave {hard}, β = 0 gave {soft}.");
    }
}
