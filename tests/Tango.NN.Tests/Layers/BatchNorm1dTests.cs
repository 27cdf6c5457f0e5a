using Tango.Core;

namespace Tango.NN.Tests.Layers;

public class BatchNorm1dTests
{
    public static TheoryData<int[]> Shapes => new() { new[] { 2, 1 }, new[] { 5, 3 }, new[] { 7, 13 },
        new[] { 3, 2, 4 }, new[] { 1, 2, 5 }, new[] { 4, 3, 1 } };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void TrainForward_MatchesNaiveDoubleLoopWithBiasedBatchVariance(int[] shape)
    {
        var bn = RandomAffine(new BatchNorm1d(shape[1], eps: 1e-3f), seed: 1);
        var x = SeededCases.Normal(2, shape).Mul(2f).Add(0.5f);
        var y = bn.Forward(x);
        var (mean, variance) = NaiveMoments(x);
        var expected = Naive(x, mean, variance, 1e-3, bn.Weight!.ToArray(), bn.Bias!.ToArray());
        Tolerance.Close(expected, y.Span, 1e-5, 1e-5, "y");
    }

    [Fact]
    public void RunningStats_FollowPyTorchsMomentumUpdateWithUnbiasedVariance()
    {
        var bn = new BatchNorm1d(3, momentum: 0.2f);
        double[] rm = [0, 0, 0], rv = [1, 1, 1];
        for (int step = 0; step < 3; step++)
        {
            var x = SeededCases.Normal((ulong)(10 + step), 6, 3, 2).Mul(step + 1f).Add(step);
            bn.Forward(x);
            var (mean, variance) = NaiveMoments(x);
            const int m = 6 * 2;
            for (int c = 0; c < 3; c++)
            {
                rm[c] = 0.8 * rm[c] + 0.2 * mean[c];
                rv[c] = 0.8 * rv[c] + 0.2 * variance[c] * m / (m - 1);
            }
        }

        Tolerance.Close(rm.Select(v => (float)v).ToArray(), bn.RunningMean!.Span, 1e-5, 1e-6, "running mean");
        Tolerance.Close(rv.Select(v => (float)v).ToArray(), bn.RunningVar!.Span, 1e-5, 1e-6, "running var");
        Assert.Equal(3f, bn.NumBatchesTracked!.Item());
    }

    [Fact]
    public void NullMomentum_KeepsTheCumulativeAverageOfBatchMeans()
    {
        var bn = new BatchNorm1d(2, momentum: null);
        var sum = new double[2];
        for (int step = 0; step < 4; step++)
        {
            var x = SeededCases.Normal((ulong)(30 + step), 5, 2).Add(step);
            bn.Forward(x);
            var (mean, _) = NaiveMoments(x);
            sum[0] += mean[0];
            sum[1] += mean[1];
        }

        Tolerance.Close([(float)(sum[0] / 4), (float)(sum[1] / 4)], bn.RunningMean!.Span, 1e-5, 1e-6, "mean");
    }

    [Fact]
    public void Eval_NormalisesWithRunningStats_AndLeavesThemAlone()
    {
        var bn = RandomAffine(new BatchNorm1d(4), seed: 5);
        bn.Forward(SeededCases.Normal(6, 8, 4).Mul(3f).Add(2f));
        bn.Eval();
        var rm = bn.RunningMean!.ToArray();
        var rv = bn.RunningVar!.ToArray();
        var x = SeededCases.Normal(7, 3, 4);
        var y = bn.Forward(x);
        var expected = Naive(x, rm.Select(v => (double)v).ToArray(), rv.Select(v => (double)v).ToArray(), 1e-5,
            bn.Weight!.ToArray(), bn.Bias!.ToArray());
        Tolerance.Close(expected, y.Span, 1e-5, 1e-5, "y");
        Assert.Equal(rm, bn.RunningMean.ToArray());
        Assert.Equal(1f, bn.NumBatchesTracked!.Item());
        // A single sample is fine in eval mode.
        Assert.Equal([1, 4], bn.Forward(SeededCases.Normal(8, 1, 4)).Shape.ToArray());
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void TrainGradients_MatchFiniteDifferences(int[] shape)
    {
        var bn = RandomAffine(new BatchNorm1d(shape[1]), seed: 8);
        GradCheck.Check(t => bn.Forward(t[0]), [SeededCases.Normal(9, shape), bn.Weight!, bn.Bias!]);
    }

    [Fact]
    public void EvalGradients_MatchFiniteDifferences()
    {
        var bn = RandomAffine(new BatchNorm1d(3), seed: 10);
        bn.Forward(SeededCases.Normal(11, 6, 3));
        bn.Eval();
        GradCheck.Check(t => bn.Forward(t[0]), [SeededCases.Normal(12, 4, 3), bn.Weight!, bn.Bias!]);
    }

    [Fact]
    public void WithoutRunningStats_EvalUsesBatchStatistics()
    {
        var bn = new BatchNorm1d(3, affine: false, trackRunningStats: false);
        Assert.Empty(bn.StateDict());
        var x = SeededCases.Normal(13, 5, 3);
        var train = bn.Forward(x).ToArray();
        bn.Eval();
        Assert.Equal(train, bn.Forward(x).ToArray());
        GradCheck.Check(t => bn.Forward(t[0]), [SeededCases.Normal(14, 5, 3)]);
    }

    [Fact]
    public void OneValuePerChannelInTraining_AndWrongShapes_Throw()
    {
        var bn = new BatchNorm1d(3);
        var ex = Assert.Throws<ArgumentException>(() => bn.Forward(Tensor.Zeros(1, 3)));
        Assert.Contains("more than 1 value per channel", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => bn.Forward(Tensor.Zeros(4, 2)));
        Assert.Throws<ArgumentException>(() => bn.Forward(Tensor.Zeros(3)));
    }

    private static (double[] Mean, double[] Variance) NaiveMoments(Tensor x)
    {
        int n = x.Dim(0), c = x.Dim(1), l = x.Rank == 3 ? x.Dim(2) : 1;
        var mean = new double[c];
        var variance = new double[c];
        for (int k = 0; k < c; k++)
        {
            var values = Channel(x, k, n, c, l).ToArray();
            mean[k] = values.Average();
            variance[k] = values.Average(v => (v - mean[k]) * (v - mean[k]));
        }

        return (mean, variance);
    }

    private static float[] Naive(Tensor x, double[] mean, double[] variance, double eps, float[] gamma, float[] beta)
    {
        int n = x.Dim(0), c = x.Dim(1), l = x.Rank == 3 ? x.Dim(2) : 1;
        var y = new float[x.Size];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < c; k++)
            {
                for (int j = 0; j < l; j++)
                {
                    int at = (i * c + k) * l + j;
                    y[at] = (float)((x.Span[at] - mean[k]) / Math.Sqrt(variance[k] + eps) * gamma[k] + beta[k]);
                }
            }
        }

        return y;
    }

    private static IEnumerable<double> Channel(Tensor x, int k, int n, int c, int l)
    {
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < l; j++)
            {
                yield return x.Span[(i * c + k) * l + j];
            }
        }
    }

    private static BatchNorm1d RandomAffine(BatchNorm1d bn, ulong seed)
    {
        var rng = new Rng(seed);
        Init.Uniform(bn.Weight!, rng, 0.5f, 1.5f);
        Init.Normal(bn.Bias!, rng);
        return bn;
    }
}
