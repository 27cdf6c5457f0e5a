namespace Tango.Mahalanobis.Numerics;

/// <summary>Factorisations between a Mahalanobis matrix M and a linear map L with M = LᵀL.</summary>
internal static class MetricFactor
{
    /// <summary>
    /// An L with LᵀL = M (metric-learn's <c>components_from_metric</c>): sqrt of the diagonal for a diagonal M,
    /// the transposed Cholesky factor when M is positive definite, else V diag(sqrt(max(w, 0)))-rows from the
    /// eigen-decomposition after checking M is positive semi-definite.
    /// </summary>
    public static double[] ComponentsFromMetric(ReadOnlySpan<double> m, int d, string learner)
    {
        CheckSymmetric(m, d, learner);
        if (IsDiagonal(m, d))
        {
            var diag = new double[d];
            for (int i = 0; i < d; i++)
            {
                diag[i] = m[i * d + i];
            }

            CheckPsd(diag, learner);
            var l = new double[d * d];
            for (int i = 0; i < d; i++)
            {
                l[i * d + i] = Math.Sqrt(Math.Max(0, diag[i]));
            }

            return l;
        }

        var chol = Linalg.Cholesky(m, d);
        if (chol is not null)
        {
            return Dense.Transpose(chol, d, d);
        }

        var (w, v) = Linalg.SymmetricEigen(m, d);
        CheckPsd(w, learner);
        var rows = new double[d * d];
        for (int k = 0; k < d; k++)
        {
            double s = Math.Sqrt(Math.Max(0, w[k]));
            for (int j = 0; j < d; j++)
            {
                rows[k * d + j] = v[j * d + k] * s;
            }
        }

        return rows;
    }

    private static void CheckPsd(ReadOnlySpan<double> w, string learner)
    {
        try
        {
            Linalg.IsDefiniteFromEigen(w);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"{learner}: the learned matrix M is not PSD. {e.Message}", e);
        }
    }

    private static void CheckSymmetric(ReadOnlySpan<double> m, int d, string learner)
    {
        for (int i = 0; i < d; i++)
        {
            for (int j = i + 1; j < d; j++)
            {
                double a = m[i * d + j], b = m[j * d + i];
                if (!(Math.Abs(a - b) <= 1e-8 + 1e-5 * Math.Abs(b)))
                {
                    throw new InvalidOperationException(
                        $"{learner}: the learned matrix M is not symmetric at ({i}, {j}): {a:G6} vs {b:G6}.");
                }
            }
        }
    }

    private static bool IsDiagonal(ReadOnlySpan<double> m, int d)
    {
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                if (i != j && m[i * d + j] != 0)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Distinct rows among the rows of x named by <paramref name="rows"/> (numpy's unique(axis=0)).</summary>
    public static double[] UniqueRows(ReadOnlySpan<double> x, int d, IEnumerable<int> rows, out int count)
    {
        var seen = new HashSet<int>();
        var distinct = new List<int>();
        var comparer = new RowComparer(x.ToArray(), d);
        var byContent = new HashSet<int>(comparer);
        foreach (int r in rows)
        {
            if (seen.Add(r) && byContent.Add(r))
            {
                distinct.Add(r);
            }
        }

        count = distinct.Count;
        return Dense.Rows(x, d, distinct.ToArray());
    }

    private sealed class RowComparer(double[] x, int d) : IEqualityComparer<int>
    {
        public bool Equals(int a, int b) => x.AsSpan(a * d, d).SequenceEqual(x.AsSpan(b * d, d));

        public int GetHashCode(int a)
        {
            var h = new HashCode();
            foreach (double v in x.AsSpan(a * d, d))
            {
                h.Add(v);
            }

            return h.ToHashCode();
        }
    }
}
