namespace Tango.Mahalanobis.Tests;

/// <summary>The contract every learner keeps, on a small seeded three-class problem.</summary>
public class MahalanobisLearnerTests
{
    private static readonly Lazy<(double[,] X, int[] Y)> Blobs = new(() => MakeBlobs(60, 4, 3, 17));

    // Each case fits a fresh learner with a given seed (weakly supervised ones on constraints drawn from it).
    public static TheoryData<string> Learners() => new(Factories.Keys);

    private static readonly Dictionary<string, Func<ulong, (double[,], int[]), MahalanobisLearner>> Factories = new()
    {
        ["Covariance"] = (_, d) => Fitted(new Covariance(), d),
        ["Lfda"] = (_, d) => Fitted(new Lfda(), d),
        ["Nca"] = (s, d) => Fitted(new Nca(maxIterations: 15, seed: s), d),
        ["Mlkr"] = (s, d) => Fitted(new Mlkr(maxIterations: 15, seed: s), d),
        ["Lmnn"] = (s, d) => Fitted(new Lmnn(maxIterations: 25, minIterations: 5, seed: s), d),
        ["ItmlSupervised"] = (s, d) => Fitted(new ItmlSupervised(maxIterations: 30, seed: s), d),
        ["MmcSupervised"] = (s, d) => Fitted(new MmcSupervised(maxIterations: 5, seed: s), d),
        ["MmcDiagonal"] = (s, d) => Fitted(new MmcSupervised(diagonal: true, seed: s), d),
        ["RcaSupervised"] = (s, d) => Fitted(new RcaSupervised(chunkCount: 20, seed: s), d),
        ["LsmlSupervised"] = (s, d) => Fitted(new LsmlSupervised(maxIterations: 20, seed: s), d),
        ["SdmlSupervised"] = (s, d) => Fitted(new SdmlSupervised(balance: 1e-3, seed: s), d),
        ["ScmlSupervised"] = (s, d) => Fitted(new ScmlSupervised(maxIterations: 600, outputIterations: 200, seed: s), d),
        ["Itml"] = (s, d) => FittedPairs(new Itml(maxIterations: 30), d, s),
        ["Mmc"] = (s, d) => FittedPairs(new Mmc(maxIterations: 5), d, s),
        ["Sdml"] = (s, d) => FittedPairs(new Sdml(balance: 1e-3), d, s),
        ["Rca"] = (s, d) =>
        {
            var rca = new Rca();
            rca.Fit(d.Item1, Constraints.Chunks(d.Item2, 20, 2, s));
            return rca;
        },
        ["Lsml"] = (s, d) =>
        {
            var lsml = new Lsml(maxIterations: 20);
            lsml.Fit(d.Item1, Constraints.Quadruplets(d.Item2, 60, s));
            return lsml;
        },
        ["Scml"] = (s, d) =>
        {
            var scml = new Scml(maxIterations: 600, outputIterations: 200, seed: s);
            scml.Fit(d.Item1, Constraints.RandomTriplets(d.Item2, 200, s));
            return scml;
        },
    };

    [Theory]
    [MemberData(nameof(Learners))]
    public void MahalanobisMatrix_IsSymmetricPsdAndEqualsLtL(string name)
    {
        var learner = Factories[name](1, Blobs.Value);
        var m = learner.MahalanobisMatrix;
        Check.SymmetricPsd(m);
        var l = learner.Components;
        Assert.Equal(learner.ComponentCount, l.GetLength(0));
        Assert.Equal(4, l.GetLength(1));
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                double s = Enumerable.Range(0, l.GetLength(0)).Sum(r => l[r, i] * l[r, j]);
                Assert.Equal(s, m[i, j], 1e-9 * (1 + Math.Abs(s)));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Learners))]
    public void Transform_IsLinear(string name)
    {
        var learner = Factories[name](1, Blobs.Value);
        var x = Blobs.Value.X;
        var (a, b) = (CrossValidation.Rows(x, [0, 1, 2]), CrossValidation.Rows(x, [3, 4, 5]));
        var combo = new double[3, 4];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                combo[i, j] = 2 * a[i, j] - 0.5 * b[i, j];
            }
        }

        var (za, zb, zc) = (learner.Transform(a), learner.Transform(b), learner.Transform(combo));
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < learner.ComponentCount; j++)
            {
                Assert.Equal(2 * za[i, j] - 0.5 * zb[i, j], zc[i, j], 1e-9 * (1 + Math.Abs(zc[i, j])));
            }
        }

        var zf = learner.Transform(ToFloat(a));
        Assert.Equal((float)za[1, 0], zf[1, 0], 1e-4f * (1 + Math.Abs(zf[1, 0])));
    }

    [Theory]
    [MemberData(nameof(Learners))]
    public void PairDistance_IsAPseudoMetric(string name)
    {
        var learner = Factories[name](1, Blobs.Value);
        var x = Blobs.Value.X;
        var metric = learner.GetMetric();
        var z = learner.Transform(x);
        for (int i = 0; i < 8; i++)
        {
            var (u, v, w) = (Row(x, i), Row(x, i + 20), Row(x, i + 40));
            double duv = metric(u, v);
            Assert.Equal(0, metric(u, u), 12);
            Assert.Equal(duv, metric(v, u), 12);
            Assert.True(duv >= 0);
            Assert.True(metric(u, w) <= duv + metric(v, w) + 1e-9, "triangle inequality");
            double euclideanInZ = Math.Sqrt(Enumerable.Range(0, z.GetLength(1)).Sum(j => Math.Pow(z[i, j] - z[i + 20, j], 2)));
            Assert.Equal(euclideanInZ, duv, 1e-9 * (1 + duv));
            Assert.Equal(duv * duv, learner.GetMetric(squared: true)(u, v), 1e-9 * (1 + duv * duv));
        }

        var pairs = new Pairs([0, 1, 2], [20, 21, 2]);
        var d = learner.PairDistance(x, pairs);
        var score = learner.PairScore(x, pairs);
        Assert.Equal(metric(Row(x, 1), Row(x, 21)), d[1], 12);
        Assert.Equal(0, d[2], 12);
        Assert.Equal(-d[0], score[0]);
    }

    [Theory]
    [MemberData(nameof(Learners))]
    public void Fit_IsDeterministicUnderASeed(string name)
    {
        var a = Factories[name](5, Blobs.Value).Components;
        var b = Factories[name](5, Blobs.Value).Components;
        Assert.Equal(a, b);
    }

    [Fact]
    public void UnfittedAndMisshapenUse_Throw()
    {
        var nca = new Nca();
        var ex = Assert.Throws<InvalidOperationException>(() => nca.Transform(new double[2, 4]));
        Assert.Contains("not fitted", ex.Message, StringComparison.Ordinal);
        var cov = Factories["Covariance"](1, Blobs.Value);
        var wrong = Assert.Throws<ArgumentException>(() => cov.Transform(new double[2, 3]));
        Assert.Contains("3 feature columns but the learner was fitted on 4", wrong.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => cov.PairDistance(new double[2, 4], new double[3, 4]));
        Assert.Throws<ArgumentException>(() => cov.GetMetric()(new double[4], new double[3]));
        var bad = (double[,])Blobs.Value.X.Clone();
        bad[3, 2] = double.NaN;
        var nan = Assert.Throws<ArgumentException>(() => new Nca().Fit(bad, Blobs.Value.Y));
        Assert.Contains("x[3, 2] is NaN", nan.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new Nca().Fit(new double[1, 4], [0]));
    }

    [Fact]
    public void MetricFunction_DoesNotChangeWhenTheLearnerIsRefitted()
    {
        var nca = new Nca(maxIterations: 5);
        nca.Fit(Blobs.Value.X, Blobs.Value.Y);
        var metric = nca.GetMetric();
        double before = metric(Row(Blobs.Value.X, 0), Row(Blobs.Value.X, 1));
        nca.Fit(CrossValidation.Rows(Blobs.Value.X, [.. Enumerable.Range(0, 30)]), Blobs.Value.Y[..30]);
        Assert.Equal(before, metric(Row(Blobs.Value.X, 0), Row(Blobs.Value.X, 1)));
    }

    private static SupervisedMahalanobisLearner Fitted(SupervisedMahalanobisLearner learner, (double[,] X, int[] Y) data)
    {
        learner.Fit(data.X, data.Y);
        return learner;
    }

    private static MahalanobisPairClassifier FittedPairs(MahalanobisPairClassifier learner, (double[,] X, int[] Y) data, ulong s)
    {
        learner.Fit(data.X, Constraints.PositiveNegativePairs(data.Y, 60, s));
        return learner;
    }

    internal static (double[,] X, int[] Y) MakeBlobs(int n, int d, int classes, ulong seed)
    {
        var rng = new Tango.Core.Rng(seed);
        var centres = new double[classes, d];
        for (int c = 0; c < classes; c++)
        {
            for (int j = 0; j < d; j++)
            {
                centres[c, j] = 3 * rng.NextNormal();
            }
        }

        var x = new double[n, d];
        var y = new int[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = i % classes;
            for (int j = 0; j < d; j++)
            {
                x[i, j] = centres[y[i], j] + rng.NextNormal() * (1 + j);
            }
        }

        return (x, y);
    }

    private static double[] Row(double[,] x, int i) => Enumerable.Range(0, x.GetLength(1)).Select(j => x[i, j]).ToArray();

    private static float[,] ToFloat(double[,] x)
    {
        var f = new float[x.GetLength(0), x.GetLength(1)];
        for (int i = 0; i < x.GetLength(0); i++)
        {
            for (int j = 0; j < x.GetLength(1); j++)
            {
                f[i, j] = (float)x[i, j];
            }
        }

        return f;
    }
}
