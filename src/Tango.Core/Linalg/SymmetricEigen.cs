namespace Tango.Core.Linalg;

/// <summary>
/// Eigen-decomposition of a small dense symmetric matrix A = V·diag(λ)·Vᵀ by the cyclic Jacobi method (Golub &amp;
/// Van Loan, Matrix Computations, 4th ed., §8.5): sweeps of plane rotations, each zeroing one off-diagonal pair,
/// until the off-diagonal mass is below 1e-15 of the matrix's; it converges quadratically and is accurate to
/// working precision even for tiny eigenvalues. Meant for d×d Gram or covariance matrices (d up to a few hundred):
/// O(d³) per sweep, typically 6–10 sweeps. Eigenvalues come sorted descending with their eigenvectors as columns.
/// </summary>
public static class SymmetricEigen
{
    private const int MaxSweeps = 100;

    /// <summary>
    /// Decomposes the symmetric (n, n) row-major <paramref name="a"/> (only its upper triangle is read).
    /// Returns the eigenvalues, descending, and the eigenvectors as the columns of an (n, n) row-major matrix.
    /// </summary>
    public static (double[] Values, double[] Vectors) Decompose(ReadOnlySpan<double> a, int n)
    {
        if (n < 0 || a.Length != (long)n * n)
        {
            throw new ArgumentException($"SymmetricEigen: {a.Length} values are not an ({n}, {n}) matrix.");
        }

        int bad = a.IndexOfAnyExceptInRange(double.MinValue, double.MaxValue);
        if (bad >= 0)
        {
            throw new ArgumentException($"SymmetricEigen: element ({bad / n}, {bad % n}) is {a[bad]}.");
        }

        var m = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = i; j < n; j++)
            {
                m[i * n + j] = m[j * n + i] = a[i * n + j];
            }
        }

        var v = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            v[i * n + i] = 1;
        }

        double total = 0;
        foreach (double x in m)
        {
            total += x * x;
        }

        for (int sweep = 0; sweep < MaxSweeps && OffDiagonal(m, n) > 1e-30 * total; sweep++)
        {
            for (int p = 0; p < n - 1; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    Rotate(m, v, n, p, q);
                }
            }
        }

        return SortDescending(m, v, n);
    }

    // Zeroes m[p, q] with the rotation J(p, q, θ): m <- Jᵀ m J, v <- v J (Golub & Van Loan, Algorithm 8.5.1).
    private static void Rotate(double[] m, double[] v, int n, int p, int q)
    {
        double apq = m[p * n + q];
        if (apq == 0)
        {
            return;
        }

        double app = m[p * n + p], aqq = m[q * n + q];
        double tau = (aqq - app) / (2 * apq);
        double t = Math.Sign(tau) == 0 ? 1 : Math.Sign(tau) / (Math.Abs(tau) + Math.Sqrt(1 + tau * tau));
        double c = 1 / Math.Sqrt(1 + t * t), s = t * c;
        for (int k = 0; k < n; k++)
        {
            double mkp = m[k * n + p], mkq = m[k * n + q];
            m[k * n + p] = c * mkp - s * mkq;
            m[k * n + q] = s * mkp + c * mkq;
        }

        for (int k = 0; k < n; k++)
        {
            double mpk = m[p * n + k], mqk = m[q * n + k];
            m[p * n + k] = c * mpk - s * mqk;
            m[q * n + k] = s * mpk + c * mqk;
        }

        m[p * n + q] = m[q * n + p] = 0;
        for (int k = 0; k < n; k++)
        {
            double vkp = v[k * n + p], vkq = v[k * n + q];
            v[k * n + p] = c * vkp - s * vkq;
            v[k * n + q] = s * vkp + c * vkq;
        }
    }

    private static double OffDiagonal(double[] m, int n)
    {
        double off = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                off += i == j ? 0 : m[i * n + j] * m[i * n + j];
            }
        }

        return off;
    }

    private static (double[] Values, double[] Vectors) SortDescending(double[] m, double[] v, int n)
    {
        var order = Enumerable.Range(0, n).OrderByDescending(i => m[i * n + i]).ThenBy(i => i).ToArray();
        var values = new double[n];
        var vectors = new double[n * n];
        for (int c = 0; c < n; c++)
        {
            values[c] = m[order[c] * n + order[c]];
            for (int r = 0; r < n; r++)
            {
                vectors[r * n + c] = v[r * n + order[c]];
            }
        }

        return (values, vectors);
    }
}
