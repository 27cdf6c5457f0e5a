using Tango.Core;
using Tango.Losses.Contrastive;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Contrastive;

public class EquiangularBasisLossTests
{
    [Fact]
    public void ReachesTheThresholdWhenThereIsRoom()
    {
        var basis = EquiangularBasis.Generate(16, 24, new Rng(1), threshold: 0.01f, steps: 3000);
        Assert.True(EquiangularBasis.MaxAbsCosine(basis) <= 0.01f, $"{EquiangularBasis.MaxAbsCosine(basis)}");
        Assert.All(Enumerable.Range(0, 16), i =>
            Tolerance.Close(1.0, Math.Sqrt(basis.ToArray().Skip(i * 24).Take(24).Sum(v => (double)v * v)), 1e-5));
    }

    [Fact]
    public void LowersTheLargestCosineWhenThereIsNotAndIsDeterministic()
    {
        float start = EquiangularBasis.MaxAbsCosine(EquiangularBasis.Generate(12, 5, new Rng(2), steps: 0));
        var basis = EquiangularBasis.Generate(12, 5, new Rng(2));
        float end = EquiangularBasis.MaxAbsCosine(basis);
        // 12 lines in R^5: the Welch bound is √((12 − 5)/(5·11)) ≈ 0.357; a random start is far above it.
        Assert.True(end < 0.6f && end < start - 0.2f, $"max |cos| {start} -> {end}");
        Assert.Equal(basis.ToArray(), EquiangularBasis.Generate(12, 5, new Rng(2)).ToArray());
    }

    // Shen et al. 2023: L = −log softmax_y(cos(x, e_c)/τ) over the fixed basis, mean over the batch.
    [Fact]
    public void MatchesThePaperFormula()
    {
        int[] labels = [0, 3, 2, 1, 3];
        var x = SeededCases.Normal(121, 5, 6);
        var loss = new EquiangularBasisLoss(4, 6, 0.1f, rng: new Rng(5));
        var cos = NaiveDistances.Dot(x, true, loss.Basis);
        double expected = Enumerable.Range(0, 5).Average(i =>
            Naive.LogSumExp(Enumerable.Range(0, 4).Select(c => cos[i, c] / 0.1)) - cos[i, labels[i]] / 0.1);
        Tolerance.Close(expected, loss.Compute(x, labels).Item(), rtol: 1e-5);
        Assert.Empty(loss.Parameters());
        var reused = new EquiangularBasisLoss(4, 6, 0.1f, basis: loss.Basis.Mul(3f));
        Tolerance.Close(expected, reused.Compute(x, labels).Item(), rtol: 1e-5);
        Assert.Throws<ArgumentException>(() => new EquiangularBasisLoss(5, 6, basis: loss.Basis));
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        var loss = new EquiangularBasisLoss(4, 6, 0.5f, rng: new Rng(6));
        GradCheck.Check(t => loss.Compute(t[0], [0, 3, 2, 1, 3]), [SeededCases.Normal(122, 5, 6)], eps: 1e-3f);
    }
}
