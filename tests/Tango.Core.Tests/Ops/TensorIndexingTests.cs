using Tango.Core;
using Tango.TestKit;

namespace Tango.Core.Tests.Ops;

public class TensorIndexingTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    public void IndexSelect_MatchesNaiveLoop_AndRepeatedIndicesAccumulate(int axis)
    {
        var x = SeededCases.Normal(60, 5, 4);
        int ax = axis < 0 ? axis + 2 : axis;
        int[] idx = ax == 0 ? [4, 0, 4, 2] : [3, 3, 1];
        var y = x.IndexSelect(axis, idx);
        for (int i = 0; i < y.Dim(0); i++)
        {
            for (int j = 0; j < y.Dim(1); j++)
            {
                Assert.Equal(ax == 0 ? x[idx[i], j] : x[i, idx[j]], y[i, j]);
            }
        }

        GradCheck.Check(t => t[0].IndexSelect(axis, idx), [x]);
    }

    [Fact]
    public void Gather_Rank2LastAxis_PicksPerRowColumns_AndGradient()
    {
        var x = SeededCases.Normal(61, 3, 5);
        int[] idx = [4, 0, 0, 2, 2, 2, 1, 3, 1]; // (3, 3): rows with repeats
        var y = x.Gather(1, idx, 3, 3);
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                Assert.Equal(x[i, idx[i * 3 + j]], y[i, j]);
            }
        }

        var fromTensor = x.Gather(-1, Tensor.FromArray(idx.Select(v => (float)v).ToArray(), 3, 3));
        Assert.Equal(y.ToArray(), fromTensor.ToArray());
        GradCheck.Check(t => t[0].Gather(1, idx, 3, 3), [x]);
    }

    [Fact]
    public void Gather_Axis0OfRank3_WithSmallerIndexShape_MatchesNaiveLoop()
    {
        var x = SeededCases.Normal(62, 4, 3, 2);
        int[] idx = [3, 0, 1, 1, 2, 3, 0, 0]; // index shape (2, 2, 2)
        var y = x.Gather(0, idx, 2, 2, 2);
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 2; j++)
            {
                for (int k = 0; k < 2; k++)
                {
                    Assert.Equal(x[idx[(i * 2 + j) * 2 + k], j, k], y[i, j, k]);
                }
            }
        }

        GradCheck.Check(t => t[0].Gather(0, idx, 2, 2, 2), [x]);
    }

    [Fact]
    public void ScatterAdd_MatchesNaiveLoop_IsTheAdjointOfGather_AndGradient()
    {
        var src = SeededCases.Normal(63, 3, 4);
        int[] idx = [0, 2, 2, 5, 1, 1, 1, 1, 4, 3, 0, 5];
        var y = Tensor.ScatterAdd([3, 6], 1, idx, src);
        var expected = new float[18];
        for (int p = 0; p < 12; p++)
        {
            expected[p / 4 * 6 + idx[p]] += src.Span[p];
        }

        Tolerance.Close(expected, y.Span, 1e-6, 1e-6);

        // ⟨ScatterAdd(s), x⟩ = ⟨s, Gather(x)⟩ for any x: the two are adjoint, as their backward passes assume.
        var x = SeededCases.Normal(64, 3, 6);
        float lhs = y.Mul(x).Sum().Item(), rhs = src.Mul(x.Gather(1, idx, 3, 4)).Sum().Item();
        Assert.Equal(lhs, rhs, 4);
        GradCheck.Check(t => Tensor.ScatterAdd([3, 6], 1, idx, t[0]), [src]);
    }

    [Fact]
    public void BadIndices_NameOpPositionAndExtent()
    {
        var x = Tensor.Zeros(3, 5);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => x.Gather(1, [0, 1, 5, 2], 2, 2));
        Assert.Contains("Gather", ex.Message, StringComparison.Ordinal);
        Assert.Contains("index 5 at position (1, 0)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("extent 5", ex.Message, StringComparison.Ordinal);
        var neg = Assert.Throws<ArgumentOutOfRangeException>(() => x.IndexSelect(0, [1, -1]));
        Assert.Contains("index -1", neg.Message, StringComparison.Ordinal);
        var shape = Assert.Throws<ArgumentException>(() => x.Gather(1, [0, 1, 2, 3], 4, 1));
        Assert.Contains("(4, 1)", shape.Message, StringComparison.Ordinal);
        var frac = Assert.Throws<ArgumentException>(() => x.Gather(1, Tensor.FromArray([0f, 1.5f], 1, 2)));
        Assert.Contains("1.5", frac.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.ScatterAdd([2, 2], 0, [0, 2], Tensor.Zeros(1, 2)));
    }
}
