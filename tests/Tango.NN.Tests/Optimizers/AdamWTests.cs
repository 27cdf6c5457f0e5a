using Tango.Core;
using Tango.NN.Optimizers;

namespace Tango.NN.Tests.Optimizers;

public class AdamWTests
{
    [Fact]
    public void FirstStep_DecaysThenMovesByLrTimesSign()
    {
        var q = new Quadratic();
        var x1 = q.Run(new AdamW([q.X], lr: 0.01f, weightDecay: 0.5f), 1)[0];
        for (int i = 0; i < x1.Length; i++)
        {
            double expected = Quadratic.Start[i] * (1 - 0.01 * 0.5) - 0.01 * Math.Sign(Quadratic.Start[i]);
            Tolerance.Close(expected, x1[i], 0, 1e-6, $"x[{i}]");
        }
    }

    [Fact]
    public void ZeroGradient_OnlyDecays_UnlikeAdamsL2()
    {
        // With g = 0 the Adam term is 0/(0 + ε) = 0, so AdamW gives p·(1 − lr·λ)ᵗ exactly; Adam's L2 term instead
        // feeds λp through the adaptive step.
        var p = Tensor.FromArray([2f, -4f]);
        p.RequiresGrad = true;
        p.Grad = Tensor.Zeros(2);
        var adamW = new AdamW([p], lr: 0.1f, weightDecay: 0.2f);
        for (int t = 0; t < 10; t++)
        {
            adamW.Step();
        }

        Tolerance.Close([(float)(2 * Math.Pow(0.98, 10)), (float)(-4 * Math.Pow(0.98, 10))], p.Span, 1e-6, 0, "p");
        var q = Tensor.FromArray([2f, -4f]);
        q.RequiresGrad = true;
        q.Grad = Tensor.Zeros(2);
        new Adam([q], lr: 0.1f, weightDecay: 0.2f).Step();
        Tolerance.Close([1.9f, -3.9f], q.Span, 0, 1e-6, "adam with L2 moves by lr·sign(λp)");
    }

    [Theory]
    [InlineData(0.01f, 0.9f, 0.999f, 1e-8f, 0.01f, false)]
    [InlineData(0.05f, 0.8f, 0.99f, 1e-3f, 0.3f, true)]
    public void Trajectory_MatchesScalarReimplementation(float lr, float beta1, float beta2, float eps,
        float weightDecay, bool amsgrad)
    {
        var q = new Quadratic();
        var iterates = q.Run(new AdamW([q.X], lr, beta1, beta2, eps, weightDecay, amsgrad), 40);
        var expected = AdamTests.Reference(lr, beta1, beta2, eps, weightDecay, amsgrad, decoupled: true, 40);
        for (int t = 0; t < 40; t++)
        {
            Tolerance.Close(expected[t], iterates[t], 1e-4, 1e-6, $"x[{t + 1}]");
        }
    }

    [Fact]
    public void DefaultWeightDecay_IsPyTorchs()
    {
        Assert.Equal(0.01f, new AdamW([Tensor.Zeros(1)]).WeightDecay);
        Assert.Equal(0f, new Adam([Tensor.Zeros(1)]).WeightDecay);
    }
}
