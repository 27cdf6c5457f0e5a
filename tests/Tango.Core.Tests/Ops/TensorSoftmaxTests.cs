using Tango.Core;
using Tango.TestKit;

namespace Tango.Core.Tests.Ops;

public class TensorSoftmaxTests
{
    public static TheoryData<int[], int> ShapesAndAxes => new()
    {
        { [1, 1], -1 }, { [1, 7], -1 }, { [5, 1], -1 }, { [3, 5], 1 }, { [7, 13], -1 }, { [3, 5], 0 },
        { [7, 13], -2 }, { [2, 3, 4], 1 }, { [2, 3, 4], 0 }, { [6], 0 },
    };

    [Theory]
    [MemberData(nameof(ShapesAndAxes))]
    public void Forward_MatchesNaiveLoops(int[] shape, int axis)
    {
        var x = SeededCases.Normal(20, shape).Mul(3f);
        int ax = axis < 0 ? axis + shape.Length : axis;
        var (outer, n, inner) = Split(shape, ax);
        var softmax = new float[x.Size];
        var logSoftmax = new float[x.Size];
        var lse = new float[outer * inner];
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
            {
                double sum = 0;
                for (int k = 0; k < n; k++)
                {
                    sum += Math.Exp(x.Span[(o * n + k) * inner + i]);
                }

                lse[o * inner + i] = (float)Math.Log(sum);
                for (int k = 0; k < n; k++)
                {
                    int at = (o * n + k) * inner + i;
                    softmax[at] = (float)(Math.Exp(x.Span[at]) / sum);
                    logSoftmax[at] = (float)(x.Span[at] - Math.Log(sum));
                }
            }
        }

        Tolerance.Close(softmax, x.Softmax(axis).Span, 1e-5, 1e-7, "softmax");
        Tolerance.Close(logSoftmax, x.LogSoftmax(axis).Span, 1e-5, 1e-5, "log-softmax");
        Tolerance.Close(lse, x.LogSumExp(axis).Span, 1e-5, 1e-5, "logsumexp");
        var kept = x.LogSumExp(axis, keepDim: true);
        Assert.Equal(shape.Select((d, i) => i == ax ? 1 : d).ToArray(), kept.Shape.ToArray());
    }

    [Theory]
    [MemberData(nameof(ShapesAndAxes))]
    public void Gradients_MatchFiniteDifferences(int[] shape, int axis)
    {
        var x = SeededCases.Normal(21, shape);
        GradCheck.Check(t => t[0].Softmax(axis), [x]);
        GradCheck.Check(t => t[0].LogSoftmax(axis), [x]);
        GradCheck.Check(t => t[0].LogSumExp(axis), [x]);
        GradCheck.Check(t => t[0].LogSumExp(axis, keepDim: true), [x]);
    }

    [Fact]
    public void LogSumExpAll_MatchesNaiveAndGradient()
    {
        var x = SeededCases.Normal(22, 3, 4).Mul(30f);
        double max = x.ToArray().Max(), sum = x.ToArray().Sum(v => Math.Exp(v - max));
        Tolerance.Close(max + Math.Log(sum), x.LogSumExp().Item(), 1e-6, 0);
        Assert.Equal(0, x.LogSumExp().Rank);
        GradCheck.Check(t => t[0].LogSumExp(), [SeededCases.Normal(23, 3, 4)]);
        Assert.Equal(float.NegativeInfinity, Tensor.Zeros(0).LogSumExp().Item());
    }

    [Fact]
    public void BadAxis_NamesOpShapeAndAxis()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros(2, 3).Softmax(-3));
        Assert.Contains("Softmax", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(2, 3)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("-3", ex.Message, StringComparison.Ordinal);
    }

    internal static (int, int, int) Split(int[] shape, int ax)
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
