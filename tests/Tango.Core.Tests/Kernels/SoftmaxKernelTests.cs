using Tango.Core.Kernels;
using Tango.TestKit;

namespace Tango.Core.Tests.Kernels;

public class SoftmaxKernelTests
{
    public static TheoryData<int, float> WidthsAndMagnitudes
    {
        get
        {
            var data = new TheoryData<int, float>();
            foreach (int bits in new[] { SimdBits.Scalar, SimdBits.Vector128, SimdBits.Vector256 })
            {
                data.Add(bits, 1f);
                data.Add(bits, 80f);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(WidthsAndMagnitudes))]
    public void ForwardKernels_MatchDoubleLoops_AtEveryLength(int bits, float magnitude)
    {
        var width = (SimdWidth)bits;
        foreach (var (n, off) in KernelCases.LengthsAndOffsets())
        {
            var x = KernelCases.Padded((ulong)n + 7, n, off, -magnitude, magnitude);
            var xs = x.AsSpan(off, n);
            var (softmax, logSoftmax, lse) = Reference(xs);
            var y = new float[n + 3];
            SoftmaxKernel.Softmax(xs, y.AsSpan(3 - off, n), 1, n, width);
            KernelCases.CloseScaled(softmax, y.AsSpan(3 - off, n), softmax.DefaultIfEmpty().Max(), 1e-5,
                $"softmax ({width}, ±{magnitude})");
            SoftmaxKernel.LogSoftmax(xs, y.AsSpan(3 - off, n), 1, n, width);
            KernelCases.CloseScaled(logSoftmax, y.AsSpan(3 - off, n), 1 + magnitude, 2e-6,
                $"log-softmax ({width}, ±{magnitude})");
            var l = new float[1];
            SoftmaxKernel.LogSumExp(xs, l, 1, n, width);
            KernelCases.CloseScaled([lse], l, 1, 1e-6, $"logsumexp ({width}, ±{magnitude})");
        }
    }

    [Theory]
    [MemberData(nameof(WidthsAndMagnitudes))]
    public void BackwardKernels_MatchDoubleLoops_AtEveryLength(int bits, float magnitude)
    {
        var width = (SimdWidth)bits;
        foreach (var (n, off) in KernelCases.LengthsAndOffsets())
        {
            var x = SeededCases.Uniform((ulong)n + 11, n, -magnitude, magnitude);
            var g = KernelCases.Padded((ulong)n + 13, n, off, -2f, 2f);
            var gs = g.AsSpan(off, n);
            var (softmax, logSoftmax, _) = Reference(x);
            var y = softmax.Select(v => (float)v).ToArray();
            var dx = new float[n + 2];
            SoftmaxKernel.SoftmaxBackward(gs, y, dx.AsSpan(2, n), 1, n);
            double dot = 0;
            for (int i = 0; i < n; i++)
            {
                dot += gs[i] * (double)y[i];
            }

            var expected = new double[n];
            for (int i = 0; i < n; i++)
            {
                expected[i] = y[i] * (gs[i] - dot);
            }

            double scale = softmax.DefaultIfEmpty().Max() * (2 + Math.Abs(dot));
            KernelCases.CloseScaled(expected, dx.AsSpan(2, n), scale, 1e-5, "softmax backward");

            var ly = logSoftmax.Select(v => (float)v).ToArray();
            SoftmaxKernel.LogSoftmaxBackward(gs, ly, dx.AsSpan(1, n), 1, n, width);
            double sumG = 0;
            for (int i = 0; i < n; i++)
            {
                sumG += gs[i];
            }

            for (int i = 0; i < n; i++)
            {
                expected[i] = gs[i] - Math.Exp(ly[i]) * sumG;
            }

            KernelCases.CloseScaled(expected, dx.AsSpan(1, n), 2 + Math.Abs(sumG), 1e-5,
                $"log-softmax backward ({width}, ±{magnitude})");
        }
    }

    [Theory]
    [InlineData(SimdBits.Scalar)]
    [InlineData(SimdBits.Vector128)]
    [InlineData(SimdBits.Vector256)]
    public void HugeOffsets_AreShiftedAway(int bits)
    {
        // Unshifted, exp(±1000) overflows or underflows every term; shifted, the results equal those of x.
        var width = (SimdWidth)bits;
        var x = SeededCases.Uniform(3, 37, -3f, 3f);
        var (softmax, _, lse) = Reference(x);
        foreach (float offset in new[] { 1000f, -1000f })
        {
            var shifted = x.Select(v => v + offset).ToArray();
            var y = new float[37];
            SoftmaxKernel.Softmax(shifted, y, 1, 37, width);
            KernelCases.CloseScaled(softmax, y, softmax.Max(), 1e-4, "softmax");
            var l = new float[1];
            SoftmaxKernel.LogSumExp(shifted, l, 1, 37, width);
            Tolerance.Close(lse + offset, l[0], 1e-6, 0, "logsumexp");
        }
    }

    [Fact]
    public void SeveralRows_AreIndependent()
    {
        float[] x = [1f, 2f, 3f, 10f, 10f, 10f];
        var y = new float[6];
        SoftmaxKernel.Softmax(x, y, 2, 3);
        Tolerance.Close([0.09003057f, 0.24472847f, 0.66524096f, 1f / 3, 1f / 3, 1f / 3], y, 1e-6, 1e-7);
        var l = new float[2];
        SoftmaxKernel.LogSumExp(x, l, 2, 3);
        Tolerance.Close([3.40760596f, 10f + MathF.Log(3f)], l, 1e-6, 0);
    }

    [Fact]
    public void LogSumExp_OfEmptyAndAllNegativeInfinityRows_IsNegativeInfinity()
    {
        var l = new float[2];
        SoftmaxKernel.LogSumExp([], l, 2, 0);
        Assert.Equal([float.NegativeInfinity, float.NegativeInfinity], l);
        SoftmaxKernel.LogSumExp([float.NegativeInfinity, float.NegativeInfinity], l.AsSpan(0, 1), 1, 2);
        Assert.Equal(float.NegativeInfinity, l[0]);
    }

    [Fact]
    public void ShortSpans_Throw()
    {
        var ex = Assert.Throws<ArgumentException>(() => SoftmaxKernel.Softmax(new float[5], new float[6], 2, 3));
        Assert.Contains("(2, 3)", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => SoftmaxKernel.LogSumExp(new float[6], new float[1], 2, 3));
    }

    private static (double[] Softmax, double[] LogSoftmax, double Lse) Reference(ReadOnlySpan<float> x)
    {
        if (x.IsEmpty)
        {
            return ([], [], double.NegativeInfinity);
        }

        double max = double.NegativeInfinity, sum = 0;
        foreach (float v in x)
        {
            max = Math.Max(max, v);
        }

        foreach (float v in x)
        {
            sum += Math.Exp(v - max);
        }

        var softmax = new double[x.Length];
        var log = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            softmax[i] = Math.Exp(x[i] - max) / sum;
            log[i] = x[i] - max - Math.Log(sum);
        }

        return (softmax, log, max + Math.Log(sum));
    }
}
