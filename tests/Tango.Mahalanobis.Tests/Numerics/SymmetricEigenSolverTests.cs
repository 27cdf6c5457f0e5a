using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis.Tests;

public class SymmetricEigenSolverTests
{
    private static double[] RandomSymmetric(int n, ulong seed)
    {
        var a = GradientCheck.Random(n, n, seed);
        Dense.Symmetrize(a, n);
        return a;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(33)]
    [InlineData(64)]
    [InlineData(70)]
    public void MatchesMathNetAndReconstructs(int n)
    {
        var a = RandomSymmetric(n, (ulong)n);
        var (expected, _) = Linalg.SymmetricEigen(a, n);
        var (w, vt) = (new double[n], new double[n * n]);
        SymmetricEigenSolver.Decompose((double[])a.Clone(), n, w, vt);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(expected[i], w[i], 1e-12 * n);
        }

        // Orthonormal rows, and V Λ Vᵀ = A.
        var gram = Dense.MatMul(vt, n, n, Dense.Transpose(vt, n, n), n);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                Assert.Equal(i == j ? 1 : 0, gram[i * n + j], 1e-12);
            }
        }

        var back = new double[n * n];
        SymmetricEigenSolver.Reconstruct(w, vt, n, back, v => v);
        for (int i = 0; i < n * n; i++)
        {
            Assert.Equal(a[i], back[i], 1e-12 * n);
        }
    }

    [Fact]
    public void RepeatedEigenvalues_AndDiagonalInput()
    {
        // A projector of rank 3 in dimension 8 (eigenvalue 1 three times, 0 five times), then a diagonal matrix.
        int n = 8;
        var u = GradientCheck.Random(3, n, 9);
        var q = Dense.TransposeMatMul(u, 3, n, u, n);
        var (w0, v0) = Linalg.SymmetricEigen(q, n);
        var p = Linalg.Reconstruct(w0, v0, n, x => x > 1e-9 ? 1 : 0);
        var (w, vt) = (new double[n], new double[n * n]);
        SymmetricEigenSolver.Decompose((double[])p.Clone(), n, w, vt);
        Assert.Equal([0, 0, 0, 0, 0, 1, 1, 1], w.Select(x => Math.Round(x, 10)).ToArray());
        var diag = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            diag[i * n + i] = n - i;
        }

        SymmetricEigenSolver.Decompose(diag, n, w, vt);
        Assert.Equal(Enumerable.Range(1, n).Select(i => (double)i).ToArray(), w);
    }

    [Fact]
    public void ProjectPsd_IsTheNearestPsdMatrix()
    {
        int n = 6;
        var a = RandomSymmetric(n, 21);
        var p = (double[])a.Clone();
        SymmetricEigenSolver.ProjectPsd(p, n);
        var (w, v) = Linalg.SymmetricEigen(a, n);
        var expected = Linalg.Reconstruct(w, v, n, x => Math.Max(x, 0));
        for (int i = 0; i < n * n; i++)
        {
            Assert.Equal(expected[i], p[i], 1e-12);
        }
    }
}
