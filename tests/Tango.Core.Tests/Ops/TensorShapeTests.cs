using Tango.Core;
using Tango.TestKit;

namespace Tango.Core.Tests.Ops;

public class TensorShapeTests
{
    [Fact]
    public void Reshape_InfersOneExtent_AndChecksSize()
    {
        var x = Tensor.Arange(0, 12);
        Assert.Equal([3, 4], x.Reshape(3, -1).Shape.ToArray());
        Assert.Equal(x.ToArray(), x.Reshape(2, 2, 3).ToArray());
        Assert.Throws<ArgumentException>(() => x.Reshape(5, 2));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 7)]
    [InlineData(5, 1)]
    [InlineData(33, 47)]
    public void Transpose_MatchesIndexSwap(int r, int c)
    {
        var x = SeededCases.Normal(3, r, c);
        var y = x.T;
        for (int i = 0; i < r; i++)
        {
            for (int j = 0; j < c; j++)
            {
                Assert.Equal(x[i, j], y[j, i]);
            }
        }
    }

    [Fact]
    public void Transpose_Rank3_SwapsLastTwoAxes()
    {
        var x = SeededCases.Normal(4, 2, 3, 5);
        var y = x.Transpose();
        Assert.Equal([2, 5, 3], y.Shape.ToArray());
        Assert.Equal(x[1, 2, 4], y[1, 4, 2]);
    }

    [Fact]
    public void ShapeOps_GradientsMatchFiniteDifferences()
    {
        var x = SeededCases.Normal(5, 3, 4);
        GradCheck.Check(t => t[0].Reshape(2, 6).Mul(t[0].Reshape(2, 6)).T, [x]);
        GradCheck.Check(t => t[0].Transpose().MatMul(t[0]), [SeededCases.Normal(6, 3, 2)]);
    }

    [Fact]
    public void Reductions_SumAndMeanOverAxes_WithGradients()
    {
        var x = SeededCases.Normal(7, 2, 3, 4);
        var s1 = x.Sum(1);
        Assert.Equal([2, 4], s1.Shape.ToArray());
        Tolerance.Close(x[1, 0, 2] + x[1, 1, 2] + x[1, 2, 2], s1[1, 2], 1e-6, 1e-6);
        Assert.Equal([2, 3, 1], x.Mean(-1, keepDim: true).Shape.ToArray());
        Tolerance.Close(x.ToArray().Sum() / 24.0, x.Mean().Item(), 1e-5, 1e-6);
        foreach (var shape in SeededCases.AwkwardShapes)
        {
            var t = SeededCases.Normal(8, shape);
            GradCheck.Check(a => a[0].Sum(0).Add(a[0].Mean(1, keepDim: true).Sum()), [t]);
        }
    }
}
