using Tango.Core.Linalg;

namespace Tango.Core.Tests.Linalg;

public class SymmetricEigenTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(33)]
    [InlineData(128)]
    public void Decompose_ReconstructsRandomSymmetricMatrices_WithOrthonormalVectors(int n)
    {
        var rng = new Rng((ulong)n);
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = i; j < n; j++)
            {
                a[i * n + j] = a[j * n + i] = rng.NextNormal();
            }
        }

        var (values, vectors) = SymmetricEigen.Decompose(a, n);
        double scale = a.Max(Math.Abs);
        for (int c = 1; c < n; c++)
        {
            Assert.True(values[c - 1] >= values[c]);
        }

        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double reconstructed = 0, gram = 0;
                for (int c = 0; c < n; c++)
                {
                    reconstructed += vectors[i * n + c] * values[c] * vectors[j * n + c];
                    gram += vectors[c * n + i] * vectors[c * n + j];
                }

                Assert.True(Math.Abs(reconstructed - a[i * n + j]) < 1e-11 * n * scale, $"A[{i},{j}]");
                Assert.True(Math.Abs(gram - (i == j ? 1 : 0)) < 1e-12 * n, $"VᵀV[{i},{j}]");
            }
        }
    }

    [Fact]
    public void Decompose_KnownSpectra()
    {
        // [[2, 1], [1, 2]] has eigenvalues 3 and 1 with eigenvectors (1, 1)/√2 and (1, −1)/√2.
        var (values, vectors) = SymmetricEigen.Decompose([2, 1, 1, 2], 2);
        Assert.Equal(3, values[0], 14);
        Assert.Equal(1, values[1], 14);
        Assert.Equal(1, Math.Abs(vectors[0] + vectors[2]) / Math.Sqrt(2), 14);

        // A diagonal matrix keeps its entries; a rank-1 matrix uu^T has one eigenvalue ‖u‖² and zeros.
        Assert.Equal([5.0, 0.5, -1.0], SymmetricEigen.Decompose([0.5, 0, 0, 0, -1, 0, 0, 0, 5], 3).Values);
        double[] u = [1, 2, 3, 4];
        var rank1 = new double[16];
        for (int i = 0; i < 16; i++)
        {
            rank1[i] = u[i / 4] * u[i % 4];
        }

        var r = SymmetricEigen.Decompose(rank1, 4).Values;
        Assert.Equal(30, r[0], 12);
        Assert.All(r[1..], x => Assert.True(Math.Abs(x) < 1e-12));
    }

    [Fact]
    public void Decompose_RepeatedEigenvalues_AndEmpty()
    {
        var identity = new double[9];
        identity[0] = identity[4] = identity[8] = 2;
        Assert.Equal([2.0, 2.0, 2.0], SymmetricEigen.Decompose(identity, 3).Values);
        Assert.Empty(SymmetricEigen.Decompose([], 0).Values);
    }

    [Fact]
    public void Decompose_BadInput_Throws()
    {
        Assert.Throws<ArgumentException>(() => SymmetricEigen.Decompose(new double[5], 2));
        var ex = Assert.Throws<ArgumentException>(() => SymmetricEigen.Decompose([1, double.NaN, double.NaN, 1], 2));
        Assert.Contains("element (0, 1) is NaN", ex.Message, StringComparison.Ordinal);
    }
}
