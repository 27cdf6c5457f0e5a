using Tango.Core;
using Tango.TestKit;

namespace Tango.Core.Tests.Ops;

public class TensorNormalizeTests
{
    public static TheoryData<int[], int> ShapesAndAxes => new()
    {
        { [1, 1], -1 }, { [1, 7], -1 }, { [5, 1], -1 }, { [3, 5], -1 }, { [7, 13], 1 }, { [3, 5], 0 },
        { [7, 13], 0 }, { [2, 3, 4], 1 }, { [2, 3, 4], 0 }, { [6], 0 },
    };

    [Theory]
    [MemberData(nameof(ShapesAndAxes))]
    public void Forward_MatchesNaiveLoop(int[] shape, int axis)
    {
        var x = SeededCases.Normal(3, shape);
        var y = x.L2Normalize(axis);
        int ax = axis < 0 ? axis + shape.Length : axis;
        var (outer, n, inner) = Split(shape, ax);
        var expected = new float[x.Size];
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
            {
                double ss = 0;
                for (int k = 0; k < n; k++)
                {
                    ss += Math.Pow(x.Span[(o * n + k) * inner + i], 2);
                }

                for (int k = 0; k < n; k++)
                {
                    int at = (o * n + k) * inner + i;
                    expected[at] = (float)(x.Span[at] / Math.Max(Math.Sqrt(ss), 1e-12));
                }
            }
        }

        Tolerance.Close(expected, y.Span, 1e-5, 1e-6);
    }

    [Theory]
    [MemberData(nameof(ShapesAndAxes))]
    public void Gradient_MatchesFiniteDifferences(int[] shape, int axis)
    {
        var x = SeededCases.Normal(4, shape).Add(0.5f);
        GradCheck.Check(t => t[0].L2Normalize(axis), [x]);
    }

    [Fact]
    public void BelowEps_DividesByEpsAndGradientIsLinear()
    {
        var x = Tensor.FromArray([0.01f, -0.02f, 3f, 4f], 2, 2);
        var y = x.L2Normalize(eps: 0.1f);
        Tolerance.Close([0.1f, -0.2f, 0.6f, 0.8f], y.Span, 1e-6, 1e-7);
        GradCheck.Check(t => t[0].L2Normalize(eps: 0.1f), [x], eps: 1e-3f);
    }

    [Fact]
    public void BadAxis_NamesOpShapeAndAxis()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros(2, 3).L2Normalize(2));
        Assert.Contains("L2Normalize", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(2, 3)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("axis 2", ex.Message, StringComparison.Ordinal);
    }

    private static (int, int, int) Split(int[] shape, int ax)
    {
        int outer = 1, inner = 1;
        for (int i = 0; i < ax; i++)
        {
            outer *= shape[i];
        }

        for (int i = ax + 1; i < shape.Length; i++)
        {
            inner *= shape[i];
        }

        return (outer, shape[ax], inner);
    }
}
