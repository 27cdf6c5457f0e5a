namespace Tango.Training.Reporting;

/// <summary>
/// The first two principal components of a point set, for 2-D scatter plots: rows are centred and the top two
/// eigenvectors of the covariance XᵀX are found by subspace (block power) iteration with Gram–Schmidt, which
/// needs only products with X (O(n·d) per iteration, no d×d matrix). Deterministic: the start vectors are fixed
/// and each component's sign is chosen so that its largest-magnitude coordinate is positive.
/// </summary>
public static class Pca
{
    /// <summary>
    /// Projects the (n, d) row-major <paramref name="x"/> onto its first two principal axes; returns (n, 2)
    /// row-major coordinates (the second column is zero when d = 1).
    /// </summary>
    public static float[] Project2(ReadOnlySpan<float> x, int n, int d, int iterations = 100)
    {
        if (n < 0 || d < 1 || x.Length != (long)n * d)
        {
            throw new ArgumentException($"Pca: {x.Length} values are not ({n}, {d}).");
        }

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
            mean[j] /= Math.Max(1, n);
        }

        var axes = TopAxes(x, mean, n, d, Math.Min(2, d), iterations);
        var result = new float[n * 2];
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < axes.Length; c++)
            {
                double s = 0;
                for (int j = 0; j < d; j++)
                {
                    s += (x[i * d + j] - mean[j]) * axes[c][j];
                }

                result[i * 2 + c] = (float)s;
            }
        }

        return result;
    }

    private static double[][] TopAxes(ReadOnlySpan<float> x, double[] mean, int n, int d, int k, int iterations)
    {
        var v = new double[k][];
        for (int c = 0; c < k; c++)
        {
            v[c] = new double[d];
            for (int j = 0; j < d; j++)
            {
                // A fixed, non-degenerate start: distinct smooth patterns per component.
                v[c][j] = Math.Cos((c + 1) * (j + 1) * 0.7) + (c == 0 ? 1 : 0);
            }

            Orthonormalize(v, c);
        }

        var projection = new double[n];
        for (int it = 0; it < iterations; it++)
        {
            for (int c = 0; c < k; c++)
            {
                v[c] = CovarianceTimes(x, mean, n, d, v[c], projection);
                Orthonormalize(v, c);
            }
        }

        foreach (var axis in v)
        {
            int top = 0;
            for (int j = 1; j < d; j++)
            {
                top = Math.Abs(axis[j]) > Math.Abs(axis[top]) ? j : top;
            }

            if (axis[top] < 0)
            {
                for (int j = 0; j < d; j++)
                {
                    axis[j] = -axis[j];
                }
            }
        }

        return v;
    }

    // (X − μ)ᵀ(X − μ)·v, through the n projections (X − μ)·v.
    private static double[] CovarianceTimes(ReadOnlySpan<float> x, double[] mean, int n, int d, double[] v,
        double[] projection)
    {
        double shift = 0;
        for (int j = 0; j < d; j++)
        {
            shift += mean[j] * v[j];
        }

        for (int i = 0; i < n; i++)
        {
            double s = 0;
            var row = x.Slice(i * d, d);
            for (int j = 0; j < d; j++)
            {
                s += row[j] * v[j];
            }

            projection[i] = s - shift;
        }

        var result = new double[d];
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            var row = x.Slice(i * d, d);
            double p = projection[i];
            total += p;
            for (int j = 0; j < d; j++)
            {
                result[j] += row[j] * p;
            }
        }

        for (int j = 0; j < d; j++)
        {
            result[j] -= mean[j] * total;
        }

        return result;
    }

    // Gram–Schmidt of v[c] against v[0..c), then unit length (a zero vector becomes a unit basis vector).
    private static void Orthonormalize(double[][] v, int c)
    {
        var a = v[c];
        for (int p = 0; p < c; p++)
        {
            double dot = 0;
            for (int j = 0; j < a.Length; j++)
            {
                dot += a[j] * v[p][j];
            }

            for (int j = 0; j < a.Length; j++)
            {
                a[j] -= dot * v[p][j];
            }
        }

        double norm = Math.Sqrt(a.Sum(t => t * t));
        if (norm < 1e-300)
        {
            Array.Clear(a);
            a[c % a.Length] = 1;
            return;
        }

        for (int j = 0; j < a.Length; j++)
        {
            a[j] /= norm;
        }
    }
}
