using Tango.Core;
using Tango.Losses.Kernels;

namespace Tango.Losses.Tests.Kernels;

public class SpdInverseTests
{
    // A = I + B·Bᵀ/n: symmetric positive definite with eigenvalues in [1, 1 + ‖B‖²/n].
    private static float[] Spd(int n, ulong seed)
    {
        var b = SeededCases.Normal(seed, n, n).ToArray();
        var a = new float[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int k = 0; k < n; k++)
                {
                    s += (double)b[i * n + k] * b[j * n + k];
                }

                a[i * n + j] = (float)(s / n + (i == j ? 1 : 0));
            }
        }

        return a;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(150)]
    public void TimesTheMatrixGivesTheIdentity(int n)
    {
        var a = Spd(n, (ulong)n);
        var inv = (float[])a.Clone();
        SpdInverse.Invert(inv, n);
        double worst = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int k = 0; k < n; k++)
                {
                    s += (double)a[i * n + k] * inv[k * n + j];
                }

                worst = Math.Max(worst, Math.Abs(s - (i == j ? 1 : 0)));
                Assert.Equal(inv[i * n + j], inv[j * n + i], 1e-5f);
            }
        }

        Assert.True(worst < 1e-4, $"n = {n}: max |A·A⁻¹ − I| = {worst:G3}");
    }

    [Fact]
    public void RejectsAMatrixThatIsNotPositiveDefinite()
    {
        float[] a = [1f, 2f, 2f, 1f];
        var ex = Assert.Throws<ArithmeticException>(() => SpdInverse.Invert(a, 2));
        Assert.Contains("not positive definite", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        // The input is symmetrised inside f, so perturbations stay on SPD matrices.
        const int n = 5;
        var a = Tensor.FromArray(Spd(n, 9), n, n);
        GradCheck.Check(t => SpdInverse.Invert(t[0].Add(t[0].T).Mul(0.5f)), [a], eps: 1e-3f);
    }
}
