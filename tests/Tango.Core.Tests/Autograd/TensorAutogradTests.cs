using Tango.Core;
using Tango.TestKit;

namespace Tango.Core.Tests.Autograd;

public class TensorAutogradTests
{
    [Fact]
    public void Backward_OfSharedInput_AccumulatesBothPaths()
    {
        // y = x*x + x  -> dy/dx = 2x + 1
        var x = Tensor.FromArray([1.5f, -2f], 2);
        x.RequiresGrad = true;
        x.Mul(x).Add(x).Sum().Backward();
        Assert.Equal([4f, -3f], x.Grad!.ToArray());
    }

    [Fact]
    public void Backward_CalledTwice_AccumulatesIntoGrad()
    {
        var x = Tensor.FromArray([2f], 1);
        x.RequiresGrad = true;
        x.Mul(3f).Sum().Backward();
        x.Mul(3f).Sum().Backward();
        Assert.Equal(6f, x.Grad!.Span[0]);
        x.ZeroGrad();
        Assert.Equal(0f, x.Grad!.Span[0]);
    }

    [Fact]
    public void NoGrad_RecordsNothing()
    {
        var x = Tensor.Ones(3);
        x.RequiresGrad = true;
        using (Tensor.NoGrad())
        {
            var y = x.Mul(2f);
            Assert.False(y.RequiresGrad);
            Assert.True(y.IsLeaf);
        }

        Assert.True(x.Mul(2f).RequiresGrad);
    }

    [Fact]
    public void Detach_CutsTheGraph()
    {
        var x = Tensor.Ones(2);
        x.RequiresGrad = true;
        var d = x.Mul(2f).Detach();
        Assert.False(d.RequiresGrad);
        Assert.Equal([2f, 2f], d.ToArray());
    }

    [Fact]
    public void Backward_OnNonScalarWithoutGradient_Throws()
    {
        var x = Tensor.Ones(2);
        x.RequiresGrad = true;
        var ex = Assert.Throws<InvalidOperationException>(() => x.Mul(2f).Backward());
        Assert.Contains("(2)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Backward_DeepChain_DoesNotOverflowStack()
    {
        var x = Tensor.FromArray([1f], 1);
        x.RequiresGrad = true;
        var y = x;
        for (int i = 0; i < 20_000; i++)
        {
            y = y.Add(1f);
        }

        y.Sum().Backward();
        Assert.Equal(1f, x.Grad!.Span[0]);
    }

    [Fact]
    public void BroadcastGradients_SumBackToInputShape()
    {
        // (3, 4) + (4) + (3, 1) + scalar
        var a = SeededCases.Normal(1, 3, 4);
        var row = SeededCases.Normal(2, 4);
        var col = SeededCases.Normal(3, 3, 1);
        var s = SeededCases.Normal(4, 1);
        GradCheck.Check(t => t[0].Add(t[1]).Mul(t[2]).Sub(t[3]), [a, row, col, s]);
    }
}
