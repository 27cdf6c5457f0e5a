namespace Tango.Mahalanobis.Tests;

/// <summary>Assertions on matrices and learned metrics.</summary>
internal static class Check
{
    /// <summary>‖actual - expected‖_F ≤ rtol·‖expected‖_F (relative Frobenius error), with the error in the message.</summary>
    public static void RelativeClose(double[,] expected, double[,] actual, double rtol, string what)
    {
        Assert.Equal(expected.GetLength(0), actual.GetLength(0));
        Assert.Equal(expected.GetLength(1), actual.GetLength(1));
        double diff = 0, norm = 0;
        foreach (var (e, a) in Pairs(expected, actual))
        {
            diff += (a - e) * (a - e);
            norm += e * e;
        }

        double rel = Math.Sqrt(diff) / Math.Max(Math.Sqrt(norm), double.Epsilon);
        Assert.True(rel <= rtol, $"{what}: relative Frobenius error {rel:G3} > {rtol:G3}.");
    }

    /// <summary>Rows of x mapped by the learner.</summary>
    public static double RelativeError(double[,] expected, double[,] actual)
    {
        double diff = 0, norm = 0;
        foreach (var (e, a) in Pairs(expected, actual))
        {
            diff += (a - e) * (a - e);
            norm += e * e;
        }

        return Math.Sqrt(diff) / Math.Max(Math.Sqrt(norm), double.Epsilon);
    }

    /// <summary>M is symmetric and its eigenvalues are ≥ -tol·max|eigenvalue|.</summary>
    public static void SymmetricPsd(double[,] m, double tol = 1e-9)
    {
        int d = m.GetLength(0);
        var flat = new double[d * d];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                Assert.True(Math.Abs(m[i, j] - m[j, i]) <= 1e-9 * (1 + Math.Abs(m[i, j])), $"M[{i},{j}] != M[{j},{i}]");
                flat[i * d + j] = m[i, j];
            }
        }

        var (w, _) = Numerics.Linalg.SymmetricEigen(flat, d);
        double max = w.Max(Math.Abs);
        Assert.True(w[0] >= -tol * Math.Max(max, 1e-300), $"M has eigenvalue {w[0]:G4} (max |w| {max:G4}).");
    }

    private static IEnumerable<(double E, double A)> Pairs(double[,] e, double[,] a)
    {
        for (int i = 0; i < e.GetLength(0); i++)
        {
            for (int j = 0; j < e.GetLength(1); j++)
            {
                yield return (e[i, j], a[i, j]);
            }
        }
    }
}
