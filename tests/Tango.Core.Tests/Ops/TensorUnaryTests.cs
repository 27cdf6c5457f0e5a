using Tango.Core;
using Tango.TestKit;

namespace Tango.Core.Tests.Ops;

public class TensorUnaryTests
{
    public static TheoryData<int[]> Shapes => [.. SeededCases.AwkwardShapes];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_MatchesNaiveLoops(int[] shape)
    {
        var x = SeededCases.Normal(5, shape).Mul(2f);
        var pos = x.Abs().Add(0.1f);
        Check(pos, pos.Log(), Math.Log);
        Check(pos, pos.Log1p(), v => Math.Log(1 + v));
        Check(pos, pos.Sqrt(), Math.Sqrt);
        Check(pos, pos.Pow(2.5f), v => Math.Pow(v, 2.5));
        Check(x, x.Pow(3f), v => v * v * v);
        Check(x, x.Abs(), Math.Abs);
        Check(x, x.Square(), v => v * v);
        Check(x, x.Exp(), Math.Exp);
        Check(x, x.Relu(), v => Math.Max(v, 0));
        Check(x, x.Clamp(-0.5f, 1f), v => Math.Clamp(v, -0.5, 1));
        Check(x, x.ClampMin(0.3f), v => Math.Max(v, 0.3));
        Check(x, x.ClampMax(-0.3f), v => Math.Min(v, -0.3));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Gradients_MatchFiniteDifferences(int[] shape)
    {
        // Inputs at least 0.1 from 0 (the kink of Abs) and from the clamp bounds ±0.5, 1.
        var x = AwayFrom(SeededCases.Normal(6, shape), 0f, -0.5f, 0.5f, 1f);
        var pos = x.Abs().Add(0.3f).Detach();
        GradCheck.Check(t => t[0].Log(), [pos]);
        GradCheck.Check(t => t[0].Log1p(), [pos]);
        GradCheck.Check(t => t[0].Sqrt(), [pos]);
        GradCheck.Check(t => t[0].Pow(-1.5f), [pos]);
        GradCheck.Check(t => t[0].Pow(0.5f), [pos]);
        GradCheck.Check(t => t[0].Pow(3f), [x]);
        GradCheck.Check(t => t[0].Abs(), [x]);
        GradCheck.Check(t => t[0].Square(), [x]);
        GradCheck.Check(t => t[0].Exp(), [x]);
        GradCheck.Check(t => t[0].Relu(), [x]);
        GradCheck.Check(t => t[0].Clamp(-0.5f, 1f), [x]);
        GradCheck.Check(t => t[0].ClampMin(0.5f), [x]);
        GradCheck.Check(t => t[0].ClampMax(-0.5f), [x]);
    }

    [Fact]
    public void Kinks_UsePyTorchSubgradients()
    {
        var x = Tensor.FromArray([0f, -1f, 1f, 2f], 4);
        Assert.Equal([0f, 1f, 1f, 0f], Grad(x, t => t.Abs().Mul(Tensor.FromArray([1f, -1f, 1f, 0f], 4))));
        Assert.Equal([1f, 1f, 1f, 0f], Grad(x, t => t.Clamp(-1f, 1f)));
        Assert.Equal([1f, 0f, 1f, 1f], Grad(x, t => t.ClampMin(0f)));
        Assert.Equal([1f, 1f, 0f, 0f], Grad(x, t => t.ClampMax(0f)));
        Assert.Equal([0f, 0f, 0f, 0f], Grad(x, t => t.Pow(0f)));
        Assert.Equal([1f, 1f, 1f, 1f], x.Pow(0f).ToArray());
    }

    [Fact]
    public void Clamp_BadBounds_NameOpAndValues()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).Clamp(1f, -1f));
        Assert.Contains("Clamp", ex.Message, StringComparison.Ordinal);
        Assert.Contains("min 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(2, 3)", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(2).ClampMin(float.NaN));
    }

    [Fact]
    public void Clamp_KeepsNaN() => Assert.True(float.IsNaN(Tensor.FromArray([float.NaN], 1).Clamp(0f, 1f).Item()));

    private static float[] Grad(Tensor x, Func<Tensor, Tensor> f)
    {
        var leaf = x.Detach();
        leaf.RequiresGrad = true;
        f(leaf).Sum().Backward();
        return leaf.Grad!.ToArray();
    }

    private static void Check(Tensor x, Tensor y, Func<double, double> f)
    {
        Assert.Equal(x.Shape.ToArray(), y.Shape.ToArray());
        var expected = x.ToArray().Select(v => (float)f(v)).ToArray();
        Tolerance.Close(expected, y.Span, 2e-6, 1e-6);
    }

    internal static Tensor AwayFrom(Tensor x, params float[] kinks)
    {
        var s = x.Span;
        for (int i = 0; i < s.Length; i++)
        {
            foreach (float k in kinks)
            {
                if (Math.Abs(s[i] - k) < 0.1f)
                {
                    s[i] = k + (s[i] >= k ? 0.1f : -0.1f);
                }
            }
        }

        return x;
    }
}
