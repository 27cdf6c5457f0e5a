using Tango.Core;
using Tango.NN.Optimizers;

namespace Tango.NN.Tests.Optimizers;

public class AdamTests
{
    [Fact]
    public void FirstStep_MovesEachCoordinateByLrTimesSignOfGradient()
    {
        // m̂ = g and v̂ = g² after one step, so Δ = −lr·g/(|g| + ε).
        var q = new Quadratic();
        var x1 = q.Run(new Adam([q.X], lr: 0.01f), 1)[0];
        for (int i = 0; i < x1.Length; i++)
        {
            Tolerance.Close(Quadratic.Start[i] - 0.01 * Math.Sign(Quadratic.Start[i]), x1[i], 0, 1e-6, $"x[{i}]");
        }
    }

    [Theory]
    [InlineData(0.01f, 0.9f, 0.999f, 1e-8f, 0f, false)]
    [InlineData(0.05f, 0.8f, 0.99f, 1e-3f, 0.1f, false)]
    [InlineData(0.02f, 0.9f, 0.999f, 1e-8f, 0f, true)]
    [InlineData(0.1f, 0.5f, 0.9f, 1e-6f, 0.05f, true)]
    public void Trajectory_MatchesScalarReimplementationOfPyTorchsFormulas(float lr, float beta1, float beta2,
        float eps, float weightDecay, bool amsgrad)
    {
        var q = new Quadratic();
        var iterates = q.Run(new Adam([q.X], lr, beta1, beta2, eps, weightDecay, amsgrad), 40);
        var expected = Reference(lr, beta1, beta2, eps, weightDecay, amsgrad, decoupled: false, 40);
        for (int t = 0; t < 40; t++)
        {
            Tolerance.Close(expected[t], iterates[t], 1e-4, 1e-6, $"x[{t + 1}]");
        }
    }

    [Fact]
    public void ConvergesToTheMinimum()
    {
        var q = new Quadratic();
        var last = q.Run(new Adam([q.X], lr: 0.05f), 1500)[^1];
        Assert.All(last, v => Assert.InRange(v, -1e-3f, 1e-3f));
    }

    [Fact]
    public void ParameterWithoutGradient_IsSkipped_AndKeepsItsOwnStepCount()
    {
        var a = Tensor.FromArray([1f, -1f]);
        var b = Tensor.FromArray([2f, 2f]);
        a.RequiresGrad = b.RequiresGrad = true;
        var adam = new Adam([a, b], lr: 0.1f);
        a.Grad = Tensor.FromArray([0.5f, 0.5f]);
        adam.Step();
        adam.Step();
        Assert.Equal([2f, 2f], b.ToArray());
        // b's first real step is a first Adam step (bias corrections for t = 1): it moves by lr·sign(g).
        b.Grad = Tensor.FromArray([3f, -0.01f]);
        adam.Step();
        Tolerance.Close([1.9f, 2.1f], b.Span, 0, 1e-5, "b");
        Assert.Equal(3, adam.StepCount);
    }

    [Fact]
    public void LongVector_SimdBodyAndTailAgreeWithReference()
    {
        const int n = 45;
        var p = Tensor.FromArray(SeededCases.Uniform(5, n));
        p.RequiresGrad = true;
        var adam = new Adam([p], lr: 0.03f, weightDecay: 0.02f, amsgrad: true);
        var x = p.ToArray().Select(v => (double)v).ToArray();
        var state = new AdamReference(n);
        for (int t = 1; t <= 5; t++)
        {
            // A gradient that changes sign and magnitude between steps so AMSGrad's maximum matters.
            var g = SeededCases.Uniform((ulong)(10 + t), n).Select(v => v * (6 - t)).ToArray();
            p.Grad = Tensor.FromArray(g);
            adam.Step();
            state.Step(x, g.Select(v => (double)v).ToArray(), t, 0.03, 0.9, 0.999, 1e-8, 0.02, true, false);
        }

        Tolerance.Close(x.Select(v => (float)v).ToArray(), p.Span, 1e-4, 1e-6, "p");
    }

    [Fact]
    public void InvalidSettings_Throw()
    {
        var p = Tensor.Zeros(2);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam([p], beta1: 1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam([p], beta2: -0.1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam([p], eps: -1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam([p], weightDecay: float.NaN));
    }

    internal static float[][] Reference(double lr, double beta1, double beta2, double eps, double weightDecay,
        bool amsgrad, bool decoupled, int steps)
    {
        var x = Quadratic.Start.Select(v => (double)v).ToArray();
        var state = new AdamReference(x.Length);
        var result = new float[steps][];
        for (int t = 1; t <= steps; t++)
        {
            state.Step(x, Quadratic.Gradient(x), t, lr, beta1, beta2, eps, weightDecay, amsgrad, decoupled);
            result[t - 1] = [.. x.Select(v => (float)v)];
        }

        return result;
    }
}
