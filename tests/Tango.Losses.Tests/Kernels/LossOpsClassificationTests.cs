using Tango.Core;
using Tango.Losses.Kernels;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Kernels;

public class LossOpsClassificationTests
{
    [Fact]
    public void CrossEntropyMatchesNaiveAndIsShiftStable()
    {
        var z = Tensor.FromArray([1f, 2f, 3f, 1000f, 1001f, 999f], 2, 3);
        var y = LossOps.CrossEntropy(z, [2, 0]).ToArray();
        // The second row's lse ≈ 1001.4 carries float32's ulp at 1000 (6.1e-5) into the difference.
        float[] expected = [(float)NaiveClassifier.CrossEntropy([1, 2, 3], 2),
            (float)NaiveClassifier.CrossEntropy([0, 1, -1], 0)];
        Tolerance.Close(expected, y, rtol: 1e-6, atol: 1.3e-4);
    }

    [Fact]
    public void GroupSoftPoolMatchesNaiveWhenAGroupUnderflowsAgainstTheRowMaximum()
    {
        // γ = 10: the second group's exponents sit 990 below the row maximum and underflow; it is redone alone.
        var x = Tensor.FromArray([100f, 99f, 0f, 1f, 0.5f, -0.5f, 0.2f, 0.1f], 2, 4);
        var y = LossOps.GroupSoftPool(x, 2, 10f).ToArray();
        Tolerance.Close([Pool(100, 99), Pool(0, 1), Pool(0.5, -0.5), Pool(0.2, 0.1)], y, rtol: 1e-6);
        Assert.All(y, v => Assert.True(float.IsFinite(v)));

        static float Pool(double a, double b)
        {
            double ea = Math.Exp(10 * a - 10 * Math.Max(a, b)), eb = Math.Exp(10 * b - 10 * Math.Max(a, b));
            return (float)((a * ea + b * eb) / (ea + eb));
        }
    }

    [Fact]
    public void KernelGradientsMatchFiniteDifferences()
    {
        int[] labels = [1, 0, 3];
        GradCheck.Check(t => LossOps.CrossEntropy(t[0], labels), [SeededCases.Normal(1, 3, 4)], eps: 1e-3f);
        GradCheck.Check(t => LossOps.GroupSoftPool(t[0], 3, 2.5f), [SeededCases.Normal(2, 3, 6)], eps: 1e-3f);
        GradCheck.Check(t => LossOps.GroupMax(t[0], 2), [SeededCases.Normal(3, 3, 6)], eps: 1e-3f);
        GradCheck.Check(t => LossOps.ReplaceTargets(t[0], labels, c => new(c * c * c, 3 * c * c)),
            [SeededCases.Normal(4, 3, 4)], eps: 1e-3f);
    }

    [Fact]
    public void GroupMaxSendsTheGradientToTheFirstMaximum()
    {
        var x = Tensor.FromArray([2f, 2f, 1f, 0f, 5f, 5f], 1, 6);
        x.RequiresGrad = true;
        var y = LossOps.GroupMax(x, 3);
        Assert.Equal([2f, 5f], y.ToArray());
        y.Sum().Backward();
        Assert.Equal([1f, 0f, 0f, 0f, 1f, 0f], x.Grad!.ToArray());
    }
}
