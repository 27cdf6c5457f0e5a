using Tango.Core;
using Tango.Losses.Contrastive;

namespace Tango.Losses.Tests.Contrastive;

public class HarmonicLossTests
{
    private static readonly int[] Labels = [0, 2, 1, 2, 0, 3];

    // Baek et al. 2025: d_j = ‖w_j − x‖₂, p_j = d_j^{−n} / Σ_k d_k^{−n}, L = −log p_y, mean over the batch.
    [Theory]
    [InlineData(2f)]
    [InlineData(7.5f)]
    public void MatchesThePaperFormula(float n)
    {
        var x = SeededCases.Normal(111, 6, 3);
        var loss = new HarmonicLoss(4, 3, n, rng: new Rng(2));
        var w = loss.Centers.ToArray();
        var xv = x.ToArray();
        double total = 0;
        for (int i = 0; i < 6; i++)
        {
            var inv = Enumerable.Range(0, 4).Select(c => Math.Pow(Math.Sqrt(Enumerable.Range(0, 3)
                .Sum(k => Math.Pow((double)w[c * 3 + k] - xv[i * 3 + k], 2))), -n)).ToArray();
            total -= Math.Log(inv[Labels[i]] / inv.Sum());
        }

        Tolerance.Close(total / 6, loss.Compute(x, Labels).Item(), rtol: 1e-4);
    }

    [Fact]
    public void DefaultExponentIsTheRootOfTheDimension() =>
        Assert.Equal(MathF.Sqrt(16), new HarmonicLoss(3, 16).Exponent);

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        var loss = new HarmonicLoss(4, 3, 3f, rng: new Rng(3));
        GradCheck.Check(t => loss.Compute(t[0], Labels), [SeededCases.Normal(112, 6, 3)], eps: 1e-3f);
        var x = SeededCases.Normal(113, 6, 3);
        GradCheck.Check(_ => loss.Compute(x, Labels), [loss.Centers], eps: 1e-3f);
    }

    [Fact]
    public void ASampleOnItsCentreIsFinite()
    {
        var loss = new HarmonicLoss(3, 2, rng: new Rng(4));
        var x = loss.Centers.Detach().Slice(0, 1, 1);
        x.RequiresGrad = true;
        var value = loss.Compute(x, [1]);
        value.Backward();
        Assert.True(float.IsFinite(value.Item()) && value.Item() < 1e-3f, $"{value.Item()}");
        Assert.All(x.Grad!.ToArray(), g => Assert.True(float.IsFinite(g)));
    }
}
