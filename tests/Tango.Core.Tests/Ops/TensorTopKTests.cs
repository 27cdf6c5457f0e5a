using Tango.Core;
using Tango.TestKit;

namespace Tango.Core.Tests.Ops;

public class TensorTopKTests
{
    [Fact]
    public void TopK_ReturnsSortedValuesAndIndices_TiesToLowerIndex()
    {
        var x = Tensor.FromArray([3f, 1f, 4f, 1f, 5f, 9f, 2f, 6f, 5f, 3f], 2, 5);
        var (values, indices) = x.TopK(3);
        Assert.Equal([2, 3], values.Shape.ToArray());
        Assert.Equal([5f, 4f, 3f, 9f, 6f, 5f], values.ToArray());
        Assert.Equal([4, 2, 0, 0, 2, 3], indices);
        var (smallest, at) = x.TopK(2, largest: false);
        Assert.Equal([1f, 1f, 2f, 3f], smallest.ToArray());
        Assert.Equal([1, 3, 1, 4], at);
        var (one, oneAt) = Tensor.FromArray([2f, 7f, 7f], 3).TopK(1);
        Assert.Equal([1], one.Shape.ToArray());
        Assert.Equal([1], oneAt);
    }

    [Theory]
    [InlineData(1, 7, 3)]
    [InlineData(5, 1, 1)]
    [InlineData(7, 13, 4)]
    [InlineData(3, 5, 5)]
    public void TopK_Gradient_ScattersToChosenPositions(int rows, int n, int k)
    {
        var x = TensorExtremesTests.Spread(SeededCases.Normal(71, rows, n)); // no near-ties at the k-th place
        GradCheck.Check(t => t[0].TopK(k).Values, [x]);
        GradCheck.Check(t => t[0].TopK(k, largest: false).Values, [x]);
    }

    [Fact]
    public void TopK_BadInputs_NameOpAndValue()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros(2, 3).TopK(4));
        Assert.Contains("TopK", ex.Message, StringComparison.Ordinal);
        Assert.Contains("k = 4", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(2, 3)", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 2, 2).TopK(1));
        Assert.Empty(Tensor.Zeros(2, 3).TopK(0).Indices);
    }
}
