using Tango.Core;
using Tango.TestKit;

namespace Tango.Core.Tests.Ops;

public class TensorActivationsTests
{
    public static TheoryData<int[]> Shapes => [.. SeededCases.AwkwardShapes];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_MatchesNaiveLoops(int[] shape)
    {
        var x = SeededCases.Normal(1, shape).Mul(3f);
        Check(x, x.Sigmoid(), v => 1 / (1 + Math.Exp(-v)));
        Check(x, x.Tanh(), Math.Tanh);
        Check(x, x.LeakyRelu(0.2f), v => v > 0 ? v : 0.2 * v);
        Check(x, x.Softplus(), v => Math.Log(1 + Math.Exp(v)));
        Check(x, x.Softplus(beta: 2f, threshold: 3f), v => 2 * v > 3 ? v : Math.Log(1 + Math.Exp(2 * v)) / 2);
        var small = SeededCases.Normal(1, shape); // |x| < ~4, where the series for Φ below is exact
        Check(small, small.Gelu(), v => v * Phi(v));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Gradients_MatchFiniteDifferences(int[] shape)
    {
        var x = AwayFromZero(SeededCases.Normal(2, shape));
        GradCheck.Check(t => t[0].Sigmoid(), [x]);
        GradCheck.Check(t => t[0].Tanh(), [x]);
        GradCheck.Check(t => t[0].Gelu(), [x]);
        GradCheck.Check(t => t[0].LeakyRelu(0.1f), [x]);
        GradCheck.Check(t => t[0].Softplus(), [x]);
        GradCheck.Check(t => t[0].Softplus(beta: 3f), [x]);
    }

    [Fact]
    public void Gelu_MatchesPublishedValuesIncludingTails()
    {
        // x·Φ(x) with Φ from tables (Abramowitz and Stegun 26.2); the tails test relative accuracy.
        var x = Tensor.FromArray([-5f, -3f, -1f, 0f, 0.5f, 1f, 2f], 7);
        double[] expected =
        [
            -5 * 2.866515718791939e-7, -3 * 1.3498980316300946e-3, -0.15865525393145707, 0, 0.34573123063700656,
            0.8413447460685429, 1.9544997361036416,
        ];
        Tolerance.Close(expected.Select(v => (float)v).ToArray(), x.Gelu().Span, 2e-6, 0);
    }

    [Fact]
    public void Softplus_AboveThreshold_IsIdentityWithUnitSlope()
    {
        var x = Tensor.FromArray([25f, 100f, -100f], 3);
        x.RequiresGrad = true;
        var y = x.Softplus();
        Assert.Equal([25f, 100f, 0f], y.ToArray());
        y.Sum().Backward();
        Assert.Equal([1f, 1f, 0f], x.Grad!.ToArray());
    }

    [Fact]
    public void Softplus_ZeroBeta_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros(2).Softplus(beta: 0f));
        Assert.Contains("Softplus", ex.Message, StringComparison.Ordinal);
    }

    private static void Check(Tensor x, Tensor y, Func<double, double> f)
    {
        Assert.Equal(x.Shape.ToArray(), y.Shape.ToArray());
        var expected = x.ToArray().Select(v => (float)f(v)).ToArray();
        Tolerance.Close(expected, y.Span, 2e-6, 1e-6);
    }

    // Keeps inputs at least 0.2 from the kink of LeakyRelu.
    private static Tensor AwayFromZero(Tensor x)
    {
        var s = x.Span;
        for (int i = 0; i < s.Length; i++)
        {
            s[i] = s[i] >= 0 ? s[i] + 0.2f : s[i] - 0.2f;
        }

        return x;
    }

    // Φ by the Taylor series of erf: exact to ~1e-12 for |x| ≤ 5; cancellation ruins it further out.
    private static double Phi(double x)
    {
        double z = x / Math.Sqrt(2), term = z, sum = z;
        for (int k = 1; k < 200 && Math.Abs(term) > 1e-18; k++)
        {
            term *= -z * z / k;
            sum += term / (2 * k + 1);
        }

        return 0.5 * (1 + 2 / Math.Sqrt(Math.PI) * sum);
    }
}
