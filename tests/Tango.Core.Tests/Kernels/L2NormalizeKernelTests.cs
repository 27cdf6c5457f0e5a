using Tango.Core.Kernels;
using Tango.TestKit;

namespace Tango.Core.Tests.Kernels;

public class L2NormalizeKernelTests
{
    [Theory]
    [InlineData(1f)]
    [InlineData(80f)]
    public void Forward_MatchesDoubleLoop_AtEveryLength(float magnitude)
    {
        foreach (var (n, off) in KernelCases.LengthsAndOffsets())
        {
            var x = KernelCases.Padded((ulong)n, n, off, -magnitude, magnitude);
            var y = new float[n + 4];
            var norms = new float[1];
            L2NormalizeKernel.Forward(x.AsSpan(off, n), y.AsSpan(3, n), norms, 1, n, 1e-12f);
            var (expected, norm) = Reference(x.AsSpan(off, n), 1e-12);
            Tolerance.Close(norm, norms[0], 1e-5, 1e-30, $"norm (n = {n})");
            KernelCases.CloseScaled(expected, y.AsSpan(3, n), 1.0 / Math.Sqrt(Math.Max(n, 1)), 1e-5, "y");
        }
    }

    [Theory]
    [InlineData(SimdBits.Scalar)]
    [InlineData(SimdBits.Vector128)]
    [InlineData(SimdBits.Vector256)]
    public void Backward_MatchesDoubleLoop_AtEveryLength(int bits)
    {
        var width = (SimdWidth)bits;
        foreach (var (n, off) in KernelCases.LengthsAndOffsets())
        {
            var x = KernelCases.Padded((ulong)n + 1000, n, off, -80f, 80f);
            var g = KernelCases.Padded((ulong)n + 2000, n, 4 - off);
            var (yd, norm) = Reference(x.AsSpan(off, n), 1e-12);
            var y = yd.Select(v => (float)v).ToArray();
            var dx = new float[n + 2];
            L2NormalizeKernel.Backward(g.AsSpan(4 - off, n), y, [(float)norm], dx.AsSpan(2, n), 1, n, 1e-12f, width);

            double dot = 0;
            for (int i = 0; i < n; i++)
            {
                dot += g[4 - off + i] * yd[i];
            }

            var expected = new double[n];
            for (int i = 0; i < n; i++)
            {
                expected[i] = (g[4 - off + i] - yd[i] * dot) / norm;
            }

            KernelCases.CloseScaled(expected, dx.AsSpan(2, n), 1.0 / norm, 1e-4, $"dx ({width})");
        }
    }

    [Theory]
    [InlineData(SimdBits.Scalar)]
    [InlineData(SimdBits.Vector128)]
    [InlineData(SimdBits.Vector256)]
    public void Backward_BelowEps_IsGradientOverEps(int bits)
    {
        var width = (SimdWidth)bits;
        float[] g = [1f, -2f, 3f, 0.5f, 1f, 2f, -1f, 4f, 5f];
        var y = new float[g.Length];
        Array.Fill(y, 0.1f);
        var dx = new float[g.Length];
        L2NormalizeKernel.Backward(g, y, [1e-4f], dx, 1, g.Length, 1e-2f, width);
        Tolerance.Close(g.Select(v => v * 100f).ToArray(), dx, 1e-6, 0);
    }

    [Fact]
    public void Forward_SumOfSquaresOverflow_RescalesInsteadOfZeroing()
    {
        float[] x = [3e20f, -4e20f];
        var y = new float[2];
        var norms = new float[1];
        L2NormalizeKernel.Forward(x, y, norms, 1, 2, 1e-12f);
        Tolerance.Close([0.6f, -0.8f], y, 1e-6, 0);
        Tolerance.Close(5e20, norms[0], 1e-6, 0);
    }

    [Fact]
    public void Forward_SeveralRows_NormaliseEachRow()
    {
        float[] x = [3f, 4f, 0f, 0f, 1f, 0f];
        var y = new float[6];
        var norms = new float[3];
        L2NormalizeKernel.Forward(x, y, norms, 3, 2, 1e-3f);
        Assert.Equal([5f, 0f, 1f], norms);
        Assert.Equal([0.6f, 0.8f, 0f, 0f, 1f, 0f], y);
    }

    [Fact]
    public void ShortSpans_Throw()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            L2NormalizeKernel.Forward(new float[5], new float[6], new float[2], 2, 3, 1e-12f));
        Assert.Contains("(2, 3)", ex.Message, StringComparison.Ordinal);
    }

    private static (double[] Y, double Norm) Reference(ReadOnlySpan<float> x, double eps)
    {
        double ss = 0;
        foreach (float v in x)
        {
            ss += (double)v * v;
        }

        double norm = Math.Sqrt(ss), denom = Math.Max(norm, eps);
        var y = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = x[i] / denom;
        }

        return (y, norm);
    }
}
