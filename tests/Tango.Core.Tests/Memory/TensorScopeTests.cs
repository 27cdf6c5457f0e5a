using Tango.Core;
using Tango.Core.Memory;
using Tango.TestKit;

namespace Tango.Core.Tests.Memory;

public class TensorScopeTests
{
    [Fact]
    public void Dispose_ReleasesOwnedTensors_KeepSurvives()
    {
        Tensor inner, kept;
        using (var scope = TensorScope.Begin())
        {
            inner = Tensor.Ones(4);
            kept = scope.Keep(inner.Mul(2f));
            Assert.Equal(2, scope.Count); // Ones and the scalar 2 stay owned; the product was kept
        }

        Assert.True(inner.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => inner.Span.Length);
        Assert.Equal([2f, 2f, 2f, 2f], kept.ToArray());
    }

    [Fact]
    public void LeafGradients_AreNotOwnedByTheScope()
    {
        var w = Tensor.Ones(3);
        w.RequiresGrad = true;
        using (TensorScope.Begin())
        {
            w.Mul(w).Sum().Backward();
        }

        Assert.False(w.Grad!.IsDisposed);
        Assert.Equal([2f, 2f, 2f], w.Grad.ToArray());
    }

    [Fact]
    public void RepeatedSteps_ReuseBuffers_AllocatingLittle()
    {
        var rng = new Rng(1);
        var w = Tensor.RandomNormal(rng, 64, 64, requiresGrad: true);
        var x = Tensor.RandomNormal(rng, 32, 64);
        void Step()
        {
            using var scope = TensorScope.Begin();
            x.MatMul(w).Relu().Sum().Backward();
        }

        for (int i = 0; i < 3; i++)
        {
            Step();
        }

        long perStep = Allocations.LeastPerRun(Step);
        // Tensor data is 32·64 + 64·64 floats ≈ 25 KB per buffer; only small graph objects may be allocated.
        Assert.True(perStep < 12_000, $"A pooled step allocated {perStep} bytes.");
    }

    [Fact]
    public void NestedScopes_MustCloseInnermostFirst()
    {
        var outer = TensorScope.Begin();
        var inner = TensorScope.Begin();
        Assert.Throws<InvalidOperationException>(outer.Dispose);
        inner.Dispose();
        outer.Dispose();
    }

    [Fact]
    public void Keep_MovesToTheEnclosingScope()
    {
        Tensor t;
        using (var outer = TensorScope.Begin())
        {
            using (var inner = TensorScope.Begin())
            {
                t = inner.Keep(Tensor.Ones(2));
            }

            Assert.False(t.IsDisposed);
            Assert.Equal(1, outer.Count);
        }

        Assert.True(t.IsDisposed);
    }

    [Fact]
    public void BufferPool_ReturnsZeroedBuffersWhenAsked()
    {
        var buffer = BufferPool.Rent(1000, clear: false);
        buffer.AsSpan().Fill(3f);
        BufferPool.Return(buffer);
        var again = BufferPool.Rent(1000, clear: true);
        Assert.All(again, v => Assert.Equal(0f, v));
        Assert.Equal(1000, again.Length);
    }
}
