using Tango.Core;

namespace Tango.NN.Tests;

public class GradientClippingTests
{
    [Fact]
    public void ClipGradNorm_ReturnsTheJointNormAndScalesWhenAbove()
    {
        // Gradients (3, 4) and (12): joint L2 norm √(9 + 16 + 144) = 13.
        var (a, b) = (WithGrad([3f, 4f]), WithGrad([12f]));
        float total = GradientClipping.ClipGradNorm([a, b], maxNorm: 6.5f);
        Assert.Equal(13f, total, 5);
        double scale = 6.5 / (13 + 1e-6);
        Tolerance.Close([(float)(3 * scale), (float)(4 * scale)], a.Grad!.Span, 1e-6, 0, "a");
        Tolerance.Close([(float)(12 * scale)], b.Grad!.Span, 1e-6, 0, "b");
        Tolerance.Close(6.5, Math.Sqrt(a.Grad.ToArray().Concat(b.Grad.ToArray()).Sum(v => v * v)), 1e-6, 0, "norm");
    }

    [Fact]
    public void ClipGradNorm_LeavesGradientsBelowTheBoundAlone_AndSkipsMissingGrads()
    {
        var a = WithGrad([0.3f, -0.4f]);
        var noGrad = Tensor.Zeros(3);
        noGrad.RequiresGrad = true;
        Assert.Equal(0.5f, GradientClipping.ClipGradNorm([a, noGrad], maxNorm: 1f), 6);
        Assert.Equal([0.3f, -0.4f], a.Grad!.ToArray());
        Assert.Null(noGrad.Grad);
    }

    [Theory]
    [InlineData(1f, 19.0)]
    [InlineData(3f, 12.2070549538)]                 // (27 + 64 + 1728)^(1/3)
    [InlineData(float.PositiveInfinity, 12.0)]
    public void OtherNormTypes_MatchTheirDefinitions(float normType, double expected)
    {
        var (a, b) = (WithGrad([3f, -4f]), WithGrad([-12f]));
        float total = GradientClipping.ClipGradNorm([a, b], maxNorm: 1f, normType: normType);
        Tolerance.Close(expected, total, 1e-5, 0, "norm");
        Tolerance.Close(-12 / (expected + 1e-6), b.Grad!.Item(), 1e-5, 0, "scaled");
    }

    [Fact]
    public void NonFiniteNorm_ThrowsOnlyWhenAsked()
    {
        var a = WithGrad([float.NaN, 1f]);
        Assert.True(float.IsNaN(GradientClipping.ClipGradNorm([a], 1f)));
        var ex = Assert.Throws<InvalidOperationException>(() =>
            GradientClipping.ClipGradNorm([WithGrad([float.PositiveInfinity])], 1f, errorIfNonfinite: true));
        Assert.Contains("non-finite", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClipGradValue_Clamps()
    {
        var a = WithGrad([-3f, 0.2f, 5f]);
        GradientClipping.ClipGradValue([a], 1f);
        Assert.Equal([-1f, 0.2f, 1f], a.Grad!.ToArray());
    }

    private static Tensor WithGrad(float[] grad)
    {
        var p = Tensor.Zeros(grad.Length);
        p.RequiresGrad = true;
        p.Grad = Tensor.FromArray(grad);
        return p;
    }
}
