using Tango.Core;

namespace Tango.NN.Tests.Layers;

public class DropoutTests
{
    [Fact]
    public void Training_ZeroesAboutPAndScalesSurvivorsByInverseKeep()
    {
        const float p = 0.3f;
        var x = Tensor.Full(2f, 200, 500);
        var y = new Dropout(p, new Rng(7)).Forward(x).ToArray();
        float survivor = 2f / (1f - p);
        Assert.All(y, v => Assert.True(v == 0f || v == survivor, $"unexpected value {v}"));
        double dropped = y.Count(v => v == 0f) / (double)y.Length;
        // 100k Bernoulli(0.3) draws: standard error 0.0014.
        Assert.InRange(dropped, p - 0.007, p + 0.007);
        Assert.InRange(y.Average(v => (double)v), 2 * 0.98, 2 * 1.02);
    }

    [Fact]
    public void SameSeed_GivesTheSameMask_AndANewMaskEachCall()
    {
        var x = SeededCases.Normal(1, 4, 9);
        var a = new Dropout(0.5f, new Rng(3));
        var first = a.Forward(x).ToArray();
        Assert.Equal(first, new Dropout(0.5f, new Rng(3)).Forward(x).ToArray());
        Assert.NotEqual(first, a.Forward(x).ToArray());
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 7)]
    [InlineData(5, 1)]
    [InlineData(7, 13)]
    public void Gradient_WithAFixedMask_MatchesFiniteDifferences(int rows, int cols)
    {
        // A fresh module with the same seed per call reproduces the mask, so f is a fixed linear map.
        GradCheck.Check(t => new Dropout(0.4f, new Rng(9)).Forward(t[0]), [SeededCases.Normal(2, rows, cols)]);
    }

    [Fact]
    public void Eval_AndZeroProbability_AreTheIdentity_AndOneDropsEverything()
    {
        var x = SeededCases.Normal(1, 3, 3);
        var dropout = new Dropout(0.5f, new Rng(1));
        dropout.Eval();
        Assert.Same(x, dropout.Forward(x));
        Assert.Same(x, new Dropout(0f, new Rng(1)).Forward(x));
        Assert.All(new Dropout(1f, new Rng(1)).Forward(x).ToArray(), v => Assert.Equal(0f, v));
    }

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(1.5f)]
    [InlineData(float.NaN)]
    public void InvalidProbability_Throws(float p) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(p, new Rng(1)));
}
