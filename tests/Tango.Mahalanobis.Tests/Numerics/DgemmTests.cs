using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis.Tests;

public class DgemmTests
{
    private static double[] Naive(double[] a, int m, int k, double[] b, int n, int ldb)
    {
        var c = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int t = 0; t < k; t++)
                {
                    s += a[i * k + t] * b[t * ldb + j];
                }

                c[i * n + j] = s;
            }
        }

        return c;
    }

    // Every shape up to 13 in each dimension (all kernel tails), then sizes past the k-block and the parallel split.
    public static TheoryData<int, int, int> Shapes()
    {
        var data = new TheoryData<int, int, int>();
        foreach (int m in new[] { 0, 1, 3, 4, 5, 9, 13 })
        {
            foreach (int n in new[] { 0, 1, 7, 8, 9, 13 })
            {
                foreach (int k in new[] { 0, 1, 5, 13 })
                {
                    data.Add(m, n, k);
                }
            }
        }

        data.Add(37, 70, 300);
        data.Add(130, 129, 260);
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MatchesNaiveProduct(int m, int n, int k)
    {
        var a = GradientCheck.Random(m, k, 1);
        int ldb = n + 3;
        var b = GradientCheck.Random(Math.Max(k, 1), ldb, 2);
        var expected = Naive(a, m, k, b, n, ldb);
        var c = GradientCheck.Random(m, n, 3);
        var start = (double[])c.Clone();
        Dgemm.Multiply(a, m, k, b, n, c, accumulate: true, ldb: ldb);
        for (int i = 0; i < c.Length; i++)
        {
            Assert.Equal(expected[i] + start[i], c[i], 1e-12 * (1 + k));
        }

        Dgemm.Multiply(a, m, k, b, n, c, ldb: ldb);
        for (int i = 0; i < c.Length; i++)
        {
            Assert.Equal(expected[i], c[i], 1e-12 * (1 + k));
        }
    }

    [Fact]
    public void SerialAndParallel_AgreeBitForBit()
    {
        var a = GradientCheck.Random(200, 150, 4);
        var b = GradientCheck.Random(150, 90, 5);
        var (c1, c2) = (new double[200 * 90], new double[200 * 90]);
        Dgemm.Multiply(a, 200, 150, b, 90, c1, parallel: true);
        Dgemm.Multiply(a, 200, 150, b, 90, c2, parallel: false);
        Assert.Equal(c1, c2);
    }

    [Fact]
    public void TooSmallBuffers_Throw() =>
        Assert.Throws<ArgumentException>(() => Dgemm.Multiply(new double[3], 2, 2, new double[4], 2, new double[4]));
}
