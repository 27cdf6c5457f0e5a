using Tango.Core;

namespace Tango.NN.Tests;

public class InitTests
{
    [Theory]
    [InlineData(Nonlinearity.Linear, 0f, 1.0)]
    [InlineData(Nonlinearity.Sigmoid, 0f, 1.0)]
    [InlineData(Nonlinearity.Tanh, 0f, 5.0 / 3.0)]
    [InlineData(Nonlinearity.Relu, 0f, 1.4142135623730951)]
    [InlineData(Nonlinearity.LeakyRelu, 0.2f, 1.386750490563073)]
    [InlineData(Nonlinearity.LeakyRelu, 2.2360679775f, 0.5773502691896258)]
    public void CalculateGain_MatchesPyTorch(Nonlinearity nonlinearity, float param, double expected) =>
        Tolerance.Close(expected, Init.CalculateGain(nonlinearity, param), 1e-6, 0, "gain");

    [Fact]
    public void Fans_CountTheReceptiveField()
    {
        Assert.Equal((5, 3), Init.CalculateFans(Tensor.Zeros(3, 5)));
        Assert.Equal((5 * 4 * 2, 3 * 4 * 2), Init.CalculateFans(Tensor.Zeros(3, 5, 4, 2)));
        Assert.Throws<ArgumentException>(() => Init.CalculateFans(Tensor.Zeros(3)));
    }

    // Each rule on 60k samples: standard deviation within 2%, mean near 0, and for uniform rules the bound.
    [Theory]
    [InlineData("KaimingUniformFanIn")]
    [InlineData("KaimingUniformFanOut")]
    [InlineData("KaimingNormal")]
    [InlineData("XavierUniform")]
    [InlineData("XavierNormal")]
    [InlineData("Normal")]
    [InlineData("Uniform")]
    public void RandomRules_HaveTheRightSpread(string rule)
    {
        var (tensor, bound, expectedStd) = Sample(rule);
        var v = tensor.ToArray();
        double mean = v.Average(x => (double)x);
        double std = Math.Sqrt(v.Average(x => (x - mean) * (x - mean)));
        Assert.InRange(std / expectedStd, 0.98, 1.02);
        Assert.InRange(mean, -0.02 * expectedStd, 0.02 * expectedStd);
        if (bound > 0)
        {
            Assert.All(v, x => Assert.InRange(x, -bound, bound));
            Assert.True(v.Max() > 0.99 * bound && v.Min() < -0.99 * bound, "samples should reach the bound");
        }
    }

    [Fact]
    public void Rules_AreReproducibleFromTheSeed_AndConstantsFill()
    {
        var a = Init.KaimingNormal(Tensor.Zeros(4, 6), new Rng(3));
        var b = Init.KaimingNormal(Tensor.Zeros(4, 6), new Rng(3));
        Assert.Equal(a.ToArray(), b.ToArray());
        Assert.All(Init.Ones(Tensor.Zeros(2, 3)).ToArray(), x => Assert.Equal(1f, x));
        Assert.All(Init.Zeros(Tensor.Ones(2, 3)).ToArray(), x => Assert.Equal(0f, x));
        Assert.All(Init.Constant(Tensor.Zeros(5), 0.5f).ToArray(), x => Assert.Equal(0.5f, x));
    }

    [Fact]
    public void ManualSeed_ResetsTheDefaultGenerator()
    {
        Init.ManualSeed(42);
        var first = new Linear(3, 3).Weight.ToArray();
        Init.ManualSeed(42);
        Assert.Equal(first, new Linear(3, 3).Weight.ToArray());
    }

    // Expected spreads from PyTorch's torch.nn.init formulas; uniform U(−b, b) has std b/√3.
    private static (Tensor Tensor, float Bound, double Std) Sample(string rule)
    {
        var rng = new Rng(17);
        switch (rule)
        {
            case "KaimingUniformFanIn":
                // (out 100, in 600); leaky_relu with a = 0 has gain √2: std = √2/√600, b = √3·std = 0.1.
                return (Init.KaimingUniform(Tensor.Zeros(100, 600), rng), 0.1f, Math.Sqrt(2.0 / 600));
            case "KaimingUniformFanOut":
                // relu gain √2, fan_out 100: std = √2/10, b = √(6/100).
                return (Init.KaimingUniform(Tensor.Zeros(100, 600), rng, mode: FanMode.FanOut,
                    nonlinearity: Nonlinearity.Relu), MathF.Sqrt(0.06f), Math.Sqrt(2.0) / 10);
            case "KaimingNormal":
                // linear gain 1, fan_in 300.
                return (Init.KaimingNormal(Tensor.Zeros(200, 300), rng, nonlinearity: Nonlinearity.Linear), 0f,
                    1 / Math.Sqrt(300));
            case "XavierUniform":
                // (200, 200, 1, 1): fans 200 and 200, b = √(6/400).
                return (Init.XavierUniform(Tensor.Zeros(200, 200, 1, 1), rng), MathF.Sqrt(6f / 400),
                    Math.Sqrt(2.0 / 400));
            case "XavierNormal":
                return (Init.XavierNormal(Tensor.Zeros(200, 300), rng, gain: 2f), 0f, 2 * Math.Sqrt(2.0 / 500));
            case "Normal":
                return (Init.Normal(Tensor.Zeros(300, 200), rng, 0f, 0.25f), 0f, 0.25);
            case "Uniform":
                return (Init.Uniform(Tensor.Zeros(300, 200), rng, -0.5f, 0.5f), 0.5f, 1 / Math.Sqrt(12));
            default:
                throw new ArgumentOutOfRangeException(nameof(rule));
        }
    }
}
