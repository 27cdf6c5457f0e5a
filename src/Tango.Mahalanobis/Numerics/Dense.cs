using System.Numerics.Tensors;

namespace Tango.Mahalanobis.Numerics;

/// <summary>
/// Small helpers over row-major flat <c>double[]</c> matrices, the learners' internal representation (rank-2
/// arrays at the public API are copied in and out once).
/// </summary>
internal static class Dense
{
    public static double[] Flatten(double[,] x)
    {
        int r = x.GetLength(0), c = x.GetLength(1);
        var flat = new double[r * c];
        Buffer.BlockCopy(x, 0, flat, 0, flat.Length * sizeof(double));
        return flat;
    }

    public static double[] Flatten(float[,] x)
    {
        int r = x.GetLength(0), c = x.GetLength(1);
        var flat = new double[r * c];
        int i = 0;
        for (int a = 0; a < r; a++)
        {
            for (int b = 0; b < c; b++)
            {
                flat[i++] = x[a, b];
            }
        }

        return flat;
    }

    public static double[,] ToArray(ReadOnlySpan<double> flat, int rows, int cols)
    {
        var x = new double[rows, cols];
        for (int a = 0, i = 0; a < rows; a++)
        {
            for (int b = 0; b < cols; b++)
            {
                x[a, b] = flat[i++];
            }
        }

        return x;
    }

    // x: (r, c) -> (c, r)
    public static double[] Transpose(ReadOnlySpan<double> x, int r, int c)
    {
        var t = new double[r * c];
        for (int i = 0; i < r; i++)
        {
            for (int j = 0; j < c; j++)
            {
                t[j * r + i] = x[i * c + j];
            }
        }

        return t;
    }

    // a: (m, k), b: (k, n) -> (m, n)
    public static double[] MatMul(ReadOnlySpan<double> a, int m, int k, ReadOnlySpan<double> b, int n)
    {
        var c = new double[m * n];
        Dgemm.Multiply(a, m, k, b, n, c);
        return c;
    }

    // a: (k, m), b: (k, n) -> aᵀb: (m, n)
    public static double[] TransposeMatMul(ReadOnlySpan<double> a, int k, int m, ReadOnlySpan<double> b, int n) =>
        MatMul(Transpose(a, k, m), m, k, b, n);

    // x: (n, d), l: (c, d) -> x lᵀ: (n, c)
    public static double[] Project(ReadOnlySpan<double> x, int n, int d, ReadOnlySpan<double> l, int c) =>
        MatMul(x, n, d, Transpose(l, c, d), c);

    public static double[] Identity(int d)
    {
        var m = new double[d * d];
        for (int i = 0; i < d; i++)
        {
            m[i * d + i] = 1;
        }

        return m;
    }

    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => Reduce.Dot(a, b);

    public static double FrobeniusNorm(ReadOnlySpan<double> a) => Math.Sqrt(Dot(a, a));

    // Symmetrises in place: a = (a + aᵀ) / 2.
    public static void Symmetrize(Span<double> a, int d)
    {
        for (int i = 0; i < d; i++)
        {
            for (int j = i + 1; j < d; j++)
            {
                double v = 0.5 * (a[i * d + j] + a[j * d + i]);
                a[i * d + j] = v;
                a[j * d + i] = v;
            }
        }
    }

    // Sample covariance of the rows of x: (n, d) -> (d, d), divided by n - ddof (numpy.cov's convention).
    public static double[] Covariance(ReadOnlySpan<double> x, int n, int d, int ddof = 1)
    {
        var mean = ColumnMeans(x, n, d);
        var centered = new double[n * d];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                centered[i * d + j] = x[i * d + j] - mean[j];
            }
        }

        var cov = TransposeMatMul(centered, n, d, centered, d);
        double scale = 1.0 / Math.Max(n - ddof, 1);
        for (int i = 0; i < cov.Length; i++)
        {
            cov[i] *= scale;
        }

        Symmetrize(cov, d);
        return cov;
    }

    public static double[] ColumnMeans(ReadOnlySpan<double> x, int n, int d)
    {
        var mean = new double[d];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                mean[j] += x[i * d + j];
            }
        }

        for (int j = 0; j < d; j++)
        {
            mean[j] /= n;
        }

        return mean;
    }

    // Rows of x picked by index: x: (n, d), rows: (m) -> (m, d)
    public static double[] Rows(ReadOnlySpan<double> x, int d, ReadOnlySpan<int> rows)
    {
        var y = new double[rows.Length * d];
        for (int i = 0; i < rows.Length; i++)
        {
            x.Slice(rows[i] * d, d).CopyTo(y.AsSpan(i * d, d));
        }

        return y;
    }
}
