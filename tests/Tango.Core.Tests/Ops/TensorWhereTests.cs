using Tango.Core;
using Tango.TestKit;

namespace Tango.Core.Tests.Ops;

public class TensorWhereTests
{
    public static TheoryData<int[], int[], int[]> Shapes => new()
    {
        { [3, 5], [3, 5], [3, 5] }, { [3, 5], [5], [3, 1] }, { [1, 5], [3, 1], [1] }, { [2, 3, 4], [3, 4], [2, 1, 1] },
        { [1, 1], [1, 7], [5, 1] },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Where_MatchesNaiveLoop_AndRoutesGradients(int[] sm, int[] sa, int[] sb)
    {
        var mask = SeededCases.Normal(10, sm).Gt(0f);
        var a = SeededCases.Normal(11, sa);
        var b = SeededCases.Normal(12, sb);
        var y = Tensor.Where(mask, a, b);
        var shape = Tango.Core.Shapes.Broadcast(Tango.Core.Shapes.Broadcast(sm, sa, "t"), sb, "t");
        Assert.Equal(shape, y.Shape.ToArray());
        var strides = Tango.Core.Shapes.Strides(shape);
        for (int flat = 0; flat < y.Size; flat++)
        {
            var idx = new int[shape.Length];
            for (int d = 0; d < shape.Length; d++)
            {
                idx[d] = flat / strides[d] % shape[d];
            }

            float expected = mask[Project(idx, sm)] != 0 ? a[Project(idx, sa)] : b[Project(idx, sb)];
            Assert.Equal(expected, y.Span[flat]);
        }

        GradCheck.Check(t => Tensor.Where(mask, t[0], t[1]), [a, b]);
    }

    [Fact]
    public void MaskedFill_FillsAndBlocksGradientUnderMask()
    {
        var x = Tensor.FromArray([1f, 2f, 3f, 4f, 5f, 6f], 2, 3);
        var mask = Tensor.FromArray([1f, 0f, 1f], 3);
        x.RequiresGrad = true;
        var y = x.MaskedFill(mask, -9f);
        Assert.Equal([-9f, 2f, -9f, -9f, 5f, -9f], y.ToArray());
        y.Sum().Backward();
        Assert.Equal([0f, 1f, 0f, 0f, 1f, 0f], x.Grad!.ToArray());
    }

    [Fact]
    public void MaskedFill_MaskLargerThanTensor_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Zeros(3).MaskedFill(Tensor.Zeros(2, 3), 0f));
        Assert.Contains("MaskedFill", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(2, 3)", ex.Message, StringComparison.Ordinal);
    }

    private static int[] Project(int[] idx, int[] shape)
    {
        var r = new int[shape.Length];
        for (int d = 0; d < shape.Length; d++)
        {
            r[d] = shape[d] == 1 ? 0 : idx[idx.Length - shape.Length + d];
        }

        return r;
    }
}
