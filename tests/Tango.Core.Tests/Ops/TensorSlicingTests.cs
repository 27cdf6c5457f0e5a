using Tango.Core;
using Tango.TestKit;

namespace Tango.Core.Tests.Ops;

public class TensorSlicingTests
{
    public static TheoryData<int[], int, int, int> Slices => new()
    {
        { [1, 7], 1, 2, 3 }, { [5, 1], 0, 1, 4 }, { [3, 5], -1, -2, 2 }, { [7, 13], 0, 0, 7 }, { [2, 3, 4], 1, 1, 1 },
        { [2, 3, 4], 2, 3, 0 },
    };

    [Theory]
    [MemberData(nameof(Slices))]
    public void Slice_MatchesNaiveLoop_AndGradient(int[] shape, int axis, int start, int length)
    {
        var x = SeededCases.Normal(50, shape);
        var y = x.Slice(axis, start, length);
        int ax = axis < 0 ? axis + shape.Length : axis;
        int s = start < 0 ? start + shape[ax] : start;
        var (outer, n, inner) = TensorSoftmaxTests.Split(shape, ax);
        Assert.Equal(shape.Select((d, i) => i == ax ? length : d).ToArray(), y.Shape.ToArray());
        for (int o = 0; o < outer; o++)
        {
            for (int t = 0; t < length; t++)
            {
                for (int i = 0; i < inner; i++)
                {
                    Assert.Equal(x.Span[(o * n + s + t) * inner + i], y.Span[(o * length + t) * inner + i]);
                }
            }
        }

        GradCheck.Check(v => v[0].Slice(axis, start, length), [x]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    public void Concat_IsTheInverseOfSlicing_AndGradient(int axis)
    {
        var x = SeededCases.Normal(51, 4, 6, 3);
        int ax = axis < 0 ? axis + 3 : axis;
        int n = x.Dim(ax);
        var parts = new[] { x.Slice(ax, 0, 1), x.Slice(ax, 1, n - 3), x.Slice(ax, n - 2, 2) };
        Assert.Equal(x.ToArray(), Tensor.Concat(parts, axis).ToArray());
        var a = SeededCases.Normal(52, 2, 3);
        var b = SeededCases.Normal(53, 2, 3).Slice(axis == 0 ? 0 : 1, 0, 1).Detach();
        GradCheck.Check(t => Tensor.Concat([t[0], t[1], t[0]], axis == 0 ? 0 : 1), [a, b]);
    }

    [Fact]
    public void Concat_MismatchedShapes_NameBoth()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Concat([Tensor.Zeros(2, 3), Tensor.Zeros(3, 3)], 1));
        Assert.Contains("Concat", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(2, 3)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(3, 3)", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Tensor.Concat([], 0));
    }

    [Fact]
    public void Slice_OutOfRange_NamesStartLengthAndShape()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros(2, 5).Slice(1, 3, 4));
        Assert.Contains("Slice", ex.Message, StringComparison.Ordinal);
        Assert.Contains("start 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(2, 5)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SqueezeUnsqueeze_MoveAxesOfExtentOne()
    {
        var x = SeededCases.Normal(54, 3, 1, 4);
        Assert.Equal([3, 4], x.Squeeze(1).Shape.ToArray());
        Assert.Equal([3, 1, 4, 1], x.Unsqueeze(-1).Shape.ToArray());
        Assert.Equal([1, 3, 1, 4], x.Unsqueeze(0).Shape.ToArray());
        Assert.Equal(x.ToArray(), x.Unsqueeze(2).Squeeze(2).ToArray());
        var ex = Assert.Throws<ArgumentException>(() => x.Squeeze(0));
        Assert.Contains("extent 3", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Unsqueeze(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros(1, 1, 1, 1).Unsqueeze(0));
        GradCheck.Check(t => t[0].Unsqueeze(1).Squeeze(0), [SeededCases.Normal(55, 1, 5)]);
    }
}
