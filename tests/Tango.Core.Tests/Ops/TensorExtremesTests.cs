using Tango.Core;
using Tango.TestKit;

namespace Tango.Core.Tests.Ops;

public class TensorExtremesTests
{
    public static TheoryData<int[], int> ShapesAndAxes => new()
    {
        { [1, 1], -1 }, { [1, 7], -1 }, { [5, 1], -1 }, { [3, 5], 1 }, { [7, 13], 0 }, { [5, 1], 0 },
        { [2, 3, 4], 1 }, { [2, 3, 4], -1 }, { [6], 0 },
    };

    [Theory]
    [MemberData(nameof(ShapesAndAxes))]
    public void Forward_MatchesNaiveLoops_WithTiesGoingToTheFirst(int[] shape, int axis)
    {
        // Rounded values make ties common; the naive loop keeps the first extreme with strict comparisons.
        var x = SeededCases.Normal(30, shape).Mul(1.5f);
        x.ToArray().Select(v => MathF.Round(v)).ToArray().CopyTo(x.Span);
        int ax = axis < 0 ? axis + shape.Length : axis;
        var (outer, n, inner) = TensorSoftmaxTests.Split(shape, ax);
        var max = x.Max(axis);
        var min = x.Min(axis, keepDim: true);
        int[] argMax = x.ArgMax(axis), argMin = x.ArgMin(axis);
        Assert.Equal(shape.Where((_, i) => i != ax).ToArray(), max.Shape.ToArray());
        Assert.Equal(shape.Select((d, i) => i == ax ? 1 : d).ToArray(), min.Shape.ToArray());
        for (int r = 0; r < outer * inner; r++)
        {
            int o = r / inner, i = r % inner, best = 0, worst = 0;
            for (int k = 1; k < n; k++)
            {
                best = x.Span[(o * n + k) * inner + i] > x.Span[(o * n + best) * inner + i] ? k : best;
                worst = x.Span[(o * n + k) * inner + i] < x.Span[(o * n + worst) * inner + i] ? k : worst;
            }

            Assert.Equal(best, argMax[r]);
            Assert.Equal(worst, argMin[r]);
            Assert.Equal(x.Span[(o * n + best) * inner + i], max.Span[r]);
            Assert.Equal(x.Span[(o * n + worst) * inner + i], min.Span[r]);
        }
    }

    [Theory]
    [MemberData(nameof(ShapesAndAxes))]
    public void Gradients_MatchFiniteDifferences(int[] shape, int axis)
    {
        // Normal samples are distinct and, at these sizes, further apart than 2·eps, so no lane has a near-tie.
        var x = Spread(SeededCases.Normal(31, shape));
        GradCheck.Check(t => t[0].Max(axis), [x]);
        GradCheck.Check(t => t[0].Min(axis, keepDim: true), [x]);
        GradCheck.Check(t => t[0].Max(), [x]);
        GradCheck.Check(t => t[0].Min(), [x]);
    }

    [Fact]
    public void Ties_SendTheWholeGradientToTheFirstExtreme()
    {
        var x = Tensor.FromArray([1f, 3f, 3f, -2f, -2f, 0f], 2, 3);
        x.RequiresGrad = true;
        x.Max(1).Sum().Backward();
        Assert.Equal([0f, 1f, 0f, 0f, 0f, 1f], x.Grad!.ToArray());
        x.ZeroGrad();
        x.Min().Backward();
        Assert.Equal([0f, 0f, 0f, 1f, 0f, 0f], x.Grad!.ToArray());
        Assert.Equal(1, x.ArgMax());
        Assert.Equal(3, x.ArgMin());
    }

    [Fact]
    public void NaN_IsTheExtreme_AndNegativeZeroTiesPositiveZero()
    {
        var x = Tensor.FromArray([1f, float.NaN, 5f, float.NaN], 4);
        Assert.True(float.IsNaN(x.Max().Item()));
        Assert.True(float.IsNaN(x.Min().Item()));
        Assert.Equal(1, x.ArgMax());
        Assert.Equal(1, x.ArgMin());
        Assert.Equal(0, Tensor.FromArray([-0f, 0f], 2).ArgMax());
    }

    [Fact]
    public void EmptyAxisAndBadAxis_Throw()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Zeros(3, 0).Max(1));
        Assert.Contains("Max", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(3, 0)", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(0).ArgMin());
        var bad = Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros(3).ArgMax(1));
        Assert.Contains("ArgMax", bad.Message, StringComparison.Ordinal);
        Assert.Empty(Tensor.Zeros(0, 3).ArgMax(1));
    }

    // Adds a distinct multiple of 0.05 so every pair differs by more than the grad check's 2·eps.
    internal static Tensor Spread(Tensor x)
    {
        var values = x.ToArray();
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        var s = x.Span;
        for (int rank = 0; rank < order.Length; rank++)
        {
            s[order[rank]] += 0.05f * rank;
        }

        return x;
    }
}
