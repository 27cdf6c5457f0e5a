using Tango.Core;
using Tango.TestKit;

namespace Tango.Core.Tests.Ops;

public class TensorArithmeticTests
{
    public static TheoryData<int[], int[]> BroadcastPairs => new()
    {
        { [3, 4], [3, 4] }, { [3, 4], [4] }, { [3, 4], [3, 1] }, { [3, 4], [1] }, { [1], [3, 4] },
        { [2, 3, 4], [3, 1] }, { [2, 1, 4], [3, 1] }, { [1, 1], [1, 7] }, { [5, 1], [1, 1] },
    };

    [Theory]
    [MemberData(nameof(BroadcastPairs))]
    public void Binary_MatchesNaiveBroadcastLoop(int[] sa, int[] sb)
    {
        var a = SeededCases.Normal(10, sa);
        var b = SeededCases.Normal(11, sb);
        var y = a.Mul(b).Add(a).Sub(b).Div(b.Mul(b).Add(1f));
        var shape = Shapes.Broadcast(sa, sb, "test");
        Assert.Equal(shape, y.Shape.ToArray());
        var strides = Shapes.Strides(shape);
        for (int flat = 0; flat < y.Size; flat++)
        {
            var idx = new int[shape.Length];
            for (int d = 0; d < shape.Length; d++)
            {
                idx[d] = flat / strides[d] % shape[d];
            }

            float av = a[Project(idx, sa)], bv = b[Project(idx, sb)];
            float expected = (av * bv + av - bv) / (bv * bv + 1f);
            Tolerance.Close(expected, y.Span[flat], 1e-6, 1e-6, $"y[{flat}]");
        }
    }

    [Theory]
    [MemberData(nameof(BroadcastPairs))]
    public void Binary_GradientsMatchFiniteDifferences(int[] sa, int[] sb)
    {
        var a = SeededCases.Normal(20, sa);
        var b = Tensor.RandomUniform(new Rng(21), sb, 0.5f, 2f);
        GradCheck.Check(t => t[0].Mul(t[1]).Add(t[0]).Sub(t[1]).Div(t[1]), [a, b]);
    }

    [Fact]
    public void MaximumMinimum_RouteGradientToTheChosenSide()
    {
        var a = Tensor.FromArray([1f, 5f, -2f], 3);
        var b = Tensor.FromArray([3f, 2f, -1f], 3);
        GradCheck.Check(t => t[0].Maximum(t[1]).Add(t[0].Minimum(t[1]).Mul(2f)), [a, b]);
        Assert.Equal([3f, 5f, -1f], a.Maximum(b).ToArray());
    }

    [Fact]
    public void NegCloneAndScalarOperators_GradientsMatchFiniteDifferences()
    {
        foreach (var shape in SeededCases.AwkwardShapes)
        {
            var x = SeededCases.Normal(30, shape);
            GradCheck.Check(t => (2f - t[0].Neg().Clone() * 3f) / 4f + (1f / (t[0].Mul(t[0]) + 1f)), [x]);
        }
    }

    [Fact]
    public void IncompatibleShapes_ThrowWithBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Zeros(3, 4).Add(Tensor.Zeros(3)));
        Assert.Contains("(3, 4)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(3)", ex.Message, StringComparison.Ordinal);
    }

    private static int[] Project(int[] idx, int[] shape)
    {
        var r = new int[shape.Length];
        for (int d = 0; d < shape.Length; d++)
        {
            int od = idx.Length - shape.Length + d;
            r[d] = shape[d] == 1 ? 0 : idx[od];
        }

        return r;
    }
}
