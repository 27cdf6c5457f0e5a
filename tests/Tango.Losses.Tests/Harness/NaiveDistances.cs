using Tango.Core;

namespace Tango.Losses.Tests.Harness;

/// <summary>Distance matrices computed by plain loops in double, for golden values inside tests.</summary>
public static class NaiveDistances
{
    public static double[,] Rows(Tensor x, bool normalize)
    {
        int n = x.Dim(0), d = x.Dim(1);
        var v = x.ToArray();
        var rows = new double[n, d];
        for (int i = 0; i < n; i++)
        {
            double norm = 0;
            for (int k = 0; k < d; k++)
            {
                norm += (double)v[i * d + k] * v[i * d + k];
            }

            norm = normalize ? Math.Max(Math.Sqrt(norm), 1e-12) : 1;
            for (int k = 0; k < d; k++)
            {
                rows[i, k] = v[i * d + k] / norm;
            }
        }

        return rows;
    }

    public static double[,] Euclidean(Tensor x, bool normalize, Tensor? y = null)
    {
        var a = Rows(x, normalize);
        var b = y is null ? a : Rows(y, normalize);
        return Pairwise(a, b, (u, w) => Math.Sqrt(u.Zip(w, (p, q) => (p - q) * (p - q)).Sum()));
    }

    public static double[,] Dot(Tensor x, bool normalize, Tensor? y = null)
    {
        var a = Rows(x, normalize);
        var b = y is null ? a : Rows(y, normalize);
        return Pairwise(a, b, (u, w) => u.Zip(w, (p, q) => p * q).Sum());
    }

    private static double[,] Pairwise(double[,] a, double[,] b, Func<double[], double[], double> f)
    {
        int n = a.GetLength(0), m = b.GetLength(0), d = a.GetLength(1);
        var result = new double[n, m];
        for (int i = 0; i < n; i++)
        {
            var u = Enumerable.Range(0, d).Select(k => a[i, k]).ToArray();
            for (int j = 0; j < m; j++)
            {
                result[i, j] = f(u, [.. Enumerable.Range(0, d).Select(k => b[j, k])]);
            }
        }

        return result;
    }
}
