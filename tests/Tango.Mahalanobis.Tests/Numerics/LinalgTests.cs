using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis.Tests;

public class LinalgTests
{
    [Fact]
    public void GeneralizedEigen_SolvesAvEqualsLambdaBv()
    {
        int d = 5;
        var a = GradientCheck.Random(d, d, 1);
        Dense.Symmetrize(a, d);
        var r = GradientCheck.Random(d + 3, d, 2);
        var b = Dense.TransposeMatMul(r, d + 3, d, r, d);
        var (w, v) = Linalg.GeneralizedSymmetricEigen(a, b, d)!.Value;
        var av = Dense.MatMul(a, d, d, v, d);
        var bv = Dense.MatMul(b, d, d, v, d);
        var vbv = Dense.TransposeMatMul(v, d, d, bv, d);
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                Assert.Equal(w[j] * bv[i * d + j], av[i * d + j], 1e-10);
                Assert.Equal(i == j ? 1 : 0, vbv[i * d + j], 1e-10);
            }
        }

        Assert.Null(Linalg.GeneralizedSymmetricEigen(a, new double[d * d], d));
    }

    [Fact]
    public void SignLogDet_MatchesTheDeterminant()
    {
        var a = new double[] { 0, 2, 1, 3, 1, 0, 1, 1, 4 }; // det = -22 (needs a row swap)
        var (sign, log) = Linalg.SignLogDet(a, 3);
        Assert.Equal(-1, sign);
        Assert.Equal(Math.Log(22), log, 12);
        Assert.Equal((0, double.NegativeInfinity), Linalg.SignLogDet(new double[] { 1, 2, 2, 4 }, 2));
    }

    [Fact]
    public void PseudoInverse_SatisfiesPenroseConditions()
    {
        // Rank-2 symmetric matrix in dimension 4.
        var u = GradientCheck.Random(2, 4, 3);
        var a = Dense.TransposeMatMul(u, 2, 4, u, 4);
        var p = Linalg.PseudoInverse(a, 4);
        var apa = Dense.MatMul(Dense.MatMul(a, 4, 4, p, 4), 4, 4, a, 4);
        for (int i = 0; i < 16; i++)
        {
            Assert.Equal(a[i], apa[i], 1e-10);
        }
    }

    [Fact]
    public void Cholesky_IsNullWhenNotPositiveDefinite()
    {
        Assert.Null(Linalg.Cholesky(new double[] { 1, 2, 2, 1 }, 2));
        var c = Linalg.Cholesky(new double[] { 4, 2, 2, 3 }, 2)!;
        Assert.Equal([2, 0, 1, Math.Round(Math.Sqrt(2), 12)], c.Select(v => Math.Round(v, 12)).ToArray());
    }

    [Fact]
    public void ComponentsFromMetric_CoversEveryPath()
    {
        // Diagonal, positive definite (Cholesky) and singular PSD (eigen) matrices all factor as LᵀL = M.
        double[][] cases = [[4, 0, 0, 0], [4, 2, 2, 3], [1, 1, 1, 1]];
        foreach (var m in cases)
        {
            var l = MetricFactor.ComponentsFromMetric(m, 2, "test");
            var back = Dense.TransposeMatMul(l, 2, 2, l, 2);
            for (int i = 0; i < 4; i++)
            {
                Assert.Equal(m[i], back[i], 1e-12);
            }
        }

        Assert.Throws<InvalidOperationException>(() => MetricFactor.ComponentsFromMetric([1, 2, 2, 1], 2, "test"));
        Assert.Throws<InvalidOperationException>(() => MetricFactor.ComponentsFromMetric([1, 2, 0, 1], 2, "test"));
    }
}
