using Tango.Core;

namespace Tango.NN.Tests.Layers;

public class LayerNormTests
{
    public static TheoryData<int[]> Shapes => new() { new[] { 1, 1 }, new[] { 1, 7 }, new[] { 5, 1 }, new[] { 3, 5 },
        new[] { 7, 13 }, new[] { 2, 3, 4 }, new[] { 6 } };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_MatchesNaiveDoubleLoop(int[] shape)
    {
        int d = shape[^1];
        var norm = RandomAffine(new LayerNorm(d, eps: 1e-3f), seed: 1);
        var x = SeededCases.Normal(2, shape).Mul(3f).Add(1f);
        var y = norm.Forward(x);
        var expected = new float[x.Size];
        for (int r = 0; r < x.Size / d; r++)
        {
            double mean = 0, variance = 0;
            for (int i = 0; i < d; i++)
            {
                mean += x.Span[r * d + i];
            }

            mean /= d;
            for (int i = 0; i < d; i++)
            {
                variance += Math.Pow(x.Span[r * d + i] - mean, 2);
            }

            variance /= d;
            for (int i = 0; i < d; i++)
            {
                double xHat = (x.Span[r * d + i] - mean) / Math.Sqrt(variance + 1e-3);
                expected[r * d + i] = (float)(xHat * norm.Weight![i] + norm.Bias![i]);
            }
        }

        Tolerance.Close(expected, y.Span, 1e-5, 1e-5, "y");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Gradients_MatchFiniteDifferences(int[] shape)
    {
        var norm = RandomAffine(new LayerNorm(shape[^1]), seed: 3);
        var x = SeededCases.Normal(4, shape);
        GradCheck.Check(t => norm.Forward(t[0]), [x, norm.Weight!, norm.Bias!]);
    }

    [Fact]
    public void WithoutAffine_RowsHaveZeroMeanUnitVariance_AndGradientsMatch()
    {
        var norm = new LayerNorm(8, elementwiseAffine: false);
        Assert.Empty(norm.Parameters());
        var y = norm.Forward(SeededCases.Normal(5, 3, 8).Mul(4f).Add(-2f)).ToArray();
        for (int r = 0; r < 3; r++)
        {
            var row = y.AsSpan(r * 8, 8).ToArray();
            Tolerance.Close(0, row.Average(), 0, 1e-6, "row mean");
            Tolerance.Close(1, row.Average(v => v * v), 1e-4, 1e-6, "row variance");
        }

        GradCheck.Check(t => norm.Forward(t[0]), [SeededCases.Normal(6, 3, 8)]);
    }

    [Fact]
    public void WrongLastAxis_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new LayerNorm(4).Forward(Tensor.Zeros(2, 3)));
        Assert.Contains("(2, 3)", ex.Message, StringComparison.Ordinal);
    }

    private static LayerNorm RandomAffine(LayerNorm norm, ulong seed)
    {
        var rng = new Rng(seed);
        Init.Uniform(norm.Weight!, rng, 0.5f, 1.5f);
        Init.Normal(norm.Bias!, rng);
        return norm;
    }
}
