using Tango.Core;
using Tango.TestKit;

namespace Tango.Core.Tests.Ops;

public class TensorReduceTests
{
    public static TheoryData<int[], int> ShapesAndAxes => new()
    {
        { [1, 7], -1 }, { [5, 1], 0 }, { [3, 5], 1 }, { [7, 13], 0 }, { [2, 3, 4], 1 },
    };

    [Theory]
    [MemberData(nameof(ShapesAndAxes))]
    public void Var_MatchesNaiveLoop_AndGradient(int[] shape, int axis)
    {
        var x = SeededCases.Normal(40, shape).Add(100f); // an offset that a one-pass E[x²] − E[x]² would lose
        int ax = axis < 0 ? axis + shape.Length : axis;
        var (outer, n, inner) = TensorSoftmaxTests.Split(shape, ax);
        var unbiased = x.Var(axis);
        var biased = x.Var(axis, unbiased: false, keepDim: true);
        for (int r = 0; r < outer * inner; r++)
        {
            var lane = Enumerable.Range(0, n)
                .Select(k => (double)x.Span[(r / inner * n + k) * inner + r % inner]).ToArray();
            double mean = lane.Average(), ss = lane.Sum(v => (v - mean) * (v - mean));
            Tolerance.Close(n > 1 ? ss / (n - 1) : double.NaN, unbiased.Span[r], 1e-4, 1e-5, "unbiased");
            Tolerance.Close(ss / n, biased.Span[r], 1e-4, 1e-5, "biased");
        }

        GradCheck.Check(t => t[0].Var(axis, unbiased: false), [SeededCases.Normal(41, shape)]);
        if (n > 1)
        {
            GradCheck.Check(t => t[0].Var(axis), [SeededCases.Normal(42, shape)]);
        }
    }

    [Fact]
    public void VarAll_MatchesNaive()
    {
        var x = Tensor.FromArray([1f, 2f, 3f, 4f], 2, 2);
        Assert.Equal(5f / 3f, x.Var().Item(), 6);
        Assert.Equal(1.25f, x.Var(unbiased: false).Item(), 6);
        Assert.True(float.IsNaN(Tensor.Ones(1).Var().Item()));
        GradCheck.Check(t => t[0].Var(), [SeededCases.Normal(43, 3, 5)]);
    }

    [Theory]
    [MemberData(nameof(ShapesAndAxes))]
    public void SumAndMean_OverAxis_GradientsMatchFiniteDifferences(int[] shape, int axis)
    {
        GradCheck.Check(t => t[0].Sum(axis), [SeededCases.Normal(44, shape)]);
        GradCheck.Check(t => t[0].Mean(axis, keepDim: true), [SeededCases.Normal(45, shape)]);
    }
}
