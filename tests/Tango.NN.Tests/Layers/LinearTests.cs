using Tango.Core;

namespace Tango.NN.Tests.Layers;

public class LinearTests
{
    public static TheoryData<int, int, int> AwkwardSizes => new()
    {
        { 1, 1, 1 }, { 1, 7, 3 }, { 5, 1, 4 }, { 3, 5, 1 }, { 7, 13, 6 },
    };

    [Theory]
    [MemberData(nameof(AwkwardSizes))]
    public void Forward_MatchesNaiveLoop(int batch, int inFeatures, int outFeatures)
    {
        var layer = new Linear(inFeatures, outFeatures, rng: new Rng(3));
        var x = SeededCases.Normal(4, batch, inFeatures);
        var y = layer.Forward(x);
        Assert.Equal([batch, outFeatures], y.Shape.ToArray());
        var expected = new float[batch * outFeatures];
        for (int n = 0; n < batch; n++)
        {
            for (int o = 0; o < outFeatures; o++)
            {
                double sum = layer.Bias![o];
                for (int i = 0; i < inFeatures; i++)
                {
                    sum += (double)x[n, i] * layer.Weight[o, i];
                }

                expected[n * outFeatures + o] = (float)sum;
            }
        }

        Tolerance.Close(expected, y.Span, 1e-5, 1e-6, "y");
    }

    [Theory]
    [MemberData(nameof(AwkwardSizes))]
    public void Gradients_MatchFiniteDifferences(int batch, int inFeatures, int outFeatures)
    {
        var layer = new Linear(inFeatures, outFeatures, rng: new Rng(5));
        var x = SeededCases.Normal(6, batch, inFeatures);
        GradCheck.Check(t => layer.Forward(t[0]), [x, layer.Weight, layer.Bias!]);
    }

    [Fact]
    public void WithoutBias_GradientsMatchAndOnlyWeightIsAParameter()
    {
        var layer = new Linear(4, 3, bias: false, rng: new Rng(5));
        Assert.Null(layer.Bias);
        Assert.Equal(["weight"], layer.NamedParameters().Select(p => p.Key).ToArray());
        GradCheck.Check(t => layer.Forward(t[0]), [SeededCases.Normal(1, 2, 4), layer.Weight]);
    }

    [Fact]
    public void Init_IsPyTorchsUniformBoundAndSeeded()
    {
        const int inFeatures = 400, outFeatures = 300;
        var layer = new Linear(inFeatures, outFeatures, rng: new Rng(11));
        float bound = 1f / MathF.Sqrt(inFeatures);
        var w = layer.Weight.ToArray();
        Assert.All(w, v => Assert.InRange(v, -bound, bound));
        Assert.All(layer.Bias!.ToArray(), v => Assert.InRange(v, -bound, bound));
        // U(−b, b) has mean 0 and variance b²/3; 120k samples pin both to within a few percent.
        double mean = w.Average(v => (double)v), variance = w.Average(v => (v - mean) * (v - mean));
        Assert.InRange(mean, -0.01 * bound, 0.01 * bound);
        Assert.InRange(variance / (bound * bound / 3), 0.97, 1.03);
        Assert.Equal(w, new Linear(inFeatures, outFeatures, rng: new Rng(11)).Weight.ToArray());
        Assert.NotEqual(w, new Linear(inFeatures, outFeatures, rng: new Rng(12)).Weight.ToArray());
    }

    [Fact]
    public void HigherRankAndVectorInputs_ApplyOverTheLastAxis()
    {
        var layer = new Linear(3, 2, rng: new Rng(1));
        var x = SeededCases.Normal(2, 2, 4, 3);
        var y = layer.Forward(x);
        Assert.Equal([2, 4, 2], y.Shape.ToArray());
        var flat = layer.Forward(x.Reshape(8, 3));
        Assert.Equal(flat.ToArray(), y.ToArray());
        GradCheck.Check(t => layer.Forward(t[0]), [SeededCases.Normal(3, 2, 2, 3), layer.Weight, layer.Bias!]);
        Assert.Equal([2], layer.Forward(SeededCases.Normal(4, 3)).Shape.ToArray());
    }

    [Fact]
    public void WrongInputWidth_NamesBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Linear(3, 2, rng: new Rng(1)).Forward(Tensor.Zeros(5, 4)));
        Assert.Contains("(..., 3)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(5, 4)", ex.Message, StringComparison.Ordinal);
    }
}
