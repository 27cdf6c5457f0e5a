using Tango.Core;
using Tango.NN.Optimizers;

namespace Tango.NN.Tests.Optimizers;

public class SgdTests
{
    [Fact]
    public void Plain_FollowsTheClosedForm()
    {
        // x_t = (1 − lr·a)ᵗ·x₀ per coordinate.
        var q = new Quadratic();
        var iterates = q.Run(new Sgd([q.X], lr: 0.3f), 12);
        for (int t = 0; t < 12; t++)
        {
            var expected = Quadratic.Start.Select((x0, i) => (float)(Math.Pow(1 - 0.3 * Quadratic.A[i], t + 1) * x0));
            Tolerance.Close(expected.ToArray(), iterates[t], 1e-5, 1e-7, $"x[{t + 1}]");
        }
    }

    [Theory]
    [InlineData(0.1f, 0.9f, 0f, false, 0f)]
    [InlineData(0.05f, 0.9f, 0.1f, false, 0.01f)]
    [InlineData(0.1f, 0.9f, 0f, true, 0f)]
    [InlineData(0.2f, 0.5f, 0f, true, 0.05f)]
    [InlineData(0.1f, 0f, 0f, false, 0.1f)]
    public void Momentum_MatchesPyTorchsRecurrence(float lr, float momentum, float dampening, bool nesterov,
        float weightDecay)
    {
        var q = new Quadratic();
        var iterates = q.Run(new Sgd([q.X], lr, momentum, dampening, nesterov, weightDecay), 25);
        // torch.optim.SGD: g += λx; b = g (first step) else μb + (1−τ)g; d = g + μb (Nesterov) or b; x −= lr·d.
        double[] x = [.. Quadratic.Start.Select(v => (double)v)], b = new double[x.Length];
        for (int t = 0; t < 25; t++)
        {
            var g = Quadratic.Gradient(x);
            for (int i = 0; i < x.Length; i++)
            {
                g[i] += weightDecay * x[i];
                b[i] = t == 0 ? g[i] : momentum * b[i] + (1 - dampening) * g[i];
                x[i] -= lr * (momentum == 0 ? g[i] : nesterov ? g[i] + momentum * b[i] : b[i]);
            }

            Tolerance.Close(x.Select(v => (float)v).ToArray(), iterates[t], 1e-5, 1e-6, $"x[{t + 1}]");
        }
    }

    [Fact]
    public void NesterovMomentum_ConvergesToTheMinimum()
    {
        var q = new Quadratic();
        var last = q.Run(new Sgd([q.X], lr: 0.5f, momentum: 0.9f, nesterov: true), 400)[^1];
        Assert.All(last, v => Assert.InRange(v, -1e-4f, 1e-4f));
    }

    [Fact]
    public void LargeVector_VectorAndScalarTailsAgreeWithTheRecurrence()
    {
        // 37 elements: several SIMD blocks plus a tail.
        var p = Tensor.FromArray(SeededCases.Uniform(1, 37));
        var g = SeededCases.Uniform(2, 37);
        p.RequiresGrad = true;
        p.Grad = Tensor.FromArray(g);
        var start = p.ToArray();
        var sgd = new Sgd([p], lr: 0.1f, momentum: 0.8f, weightDecay: 0.01f);
        sgd.Step();
        sgd.Step();
        for (int i = 0; i < 37; i++)
        {
            double g1 = g[i] + 0.01 * start[i], x1 = start[i] - 0.1 * g1;
            double g2 = g[i] + 0.01 * x1, b2 = 0.8 * g1 + g2;
            Tolerance.Close(x1 - 0.1 * b2, p[i], 1e-5, 1e-7, $"p[{i}]");
        }
    }

    [Fact]
    public void InvalidSettings_Throw()
    {
        var p = Tensor.Zeros(2);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd([p], lr: -0.1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd([p], momentum: -0.5f));
        Assert.Throws<ArgumentException>(() => new Sgd([p], nesterov: true));
        Assert.Throws<ArgumentException>(() => new Sgd([p], momentum: 0.9f, dampening: 0.1f, nesterov: true));
        Assert.Throws<ArgumentException>(() => new Sgd([]));
    }
}
