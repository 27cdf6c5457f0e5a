using Tango.Core;

namespace Tango.Mahalanobis.Numerics;

/// <summary>Prior Mahalanobis matrices and their inverses (metric-learn's <c>_initialize_metric_mahalanobis</c>).</summary>
internal static class MetricInitializer
{
    /// <summary>
    /// Returns (M, M⁻¹) for the prior. <paramref name="rows"/> are the data rows the constraints use (for the
    /// covariance prior). With <paramref name="strictPd"/> a singular prior is an error; otherwise its
    /// pseudo-inverse is used.
    /// </summary>
    public static (double[] M, double[] Inverse) Create(MetricPrior prior, double[,]? matrix, double[] x, int d,
        IEnumerable<int> rows, ulong seed, bool strictPd, string learner, string name = "prior")
    {
        if (matrix is not null)
        {
            return Explicit(matrix, d, strictPd, learner, name);
        }

        switch (prior)
        {
            case MetricPrior.Identity:
                return (Dense.Identity(d), Dense.Identity(d));
            case MetricPrior.Covariance:
            {
                var points = MetricFactor.UniqueRows(x, d, rows, out int count);
                var cov = Dense.Covariance(points, count, d);
                var (w, v) = Linalg.SymmetricEigen(cov, d);
                bool definite = Definite(w, learner, name);
                if (strictPd && !definite)
                {
                    throw new ArgumentException(
                        $"{learner}: the covariance of the constrained points is singular, so it cannot be the " +
                        $"{name}; remove constant or dependent features, or use the identity {name}.");
                }

                return (Linalg.PseudoInverseFromEigen(w, v, d), cov);
            }

            case MetricPrior.Random:
            {
                var m = RandomSpd(d, seed);
                return (m, Linalg.PseudoInverse(m, d));
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(prior), $"{learner}: unknown {name} {prior}.");
        }
    }

    private static (double[], double[]) Explicit(double[,] matrix, int d, bool strictPd, string learner, string name)
    {
        if (matrix.GetLength(0) != d || matrix.GetLength(1) != d)
        {
            throw new ArgumentException(
                $"{learner}: the {name} matrix has shape ({matrix.GetLength(0)}, {matrix.GetLength(1)}); " +
                $"expected ({d}, {d}).");
        }

        var m = Input.Features(matrix, learner, d, name);
        for (int i = 0; i < d; i++)
        {
            for (int j = i + 1; j < d; j++)
            {
                if (!(Math.Abs(m[i * d + j] - m[j * d + i]) <= 1e-8 + 1e-5 * Math.Abs(m[j * d + i])))
                {
                    throw new ArgumentException($"{learner}: the {name} matrix is not symmetric at ({i}, {j}).");
                }
            }
        }

        var (w, v) = Linalg.SymmetricEigen(m, d);
        if (!Definite(w, learner, name) && strictPd)
        {
            throw new ArgumentException($"{learner}: the {name} matrix must be strictly positive definite.");
        }

        return (m, Linalg.PseudoInverseFromEigen(w, v, d));
    }

    private static bool Definite(double[] w, string learner, string name)
    {
        try
        {
            return Linalg.IsDefiniteFromEigen(w);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{learner}: the {name} matrix is not positive semi-definite. {e.Message}", e);
        }
    }

    // A random SPD matrix U (1 + diag(u)) Uᵀ with U orthonormal from a Gaussian matrix (after scikit-learn's
    // make_spd_matrix).
    private static double[] RandomSpd(int d, ulong seed)
    {
        var rng = new Rng(seed);
        var a = new double[d * d];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = rng.NextNormal();
        }

        var (_, u) = Linalg.SymmetricEigen(Dense.TransposeMatMul(a, d, d, a, d), d);
        var diag = Enumerable.Range(0, d).Select(_ => 1 + rng.NextDouble()).ToArray();
        return Linalg.Reconstruct(diag, u, d, v => v);
    }
}
