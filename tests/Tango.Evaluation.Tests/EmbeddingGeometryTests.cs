using Tango.Core;
using Tango.TestKit;

namespace Tango.Evaluation.Tests;

public class EmbeddingGeometryTests
{
    [Fact]
    public void Alignment_IsTheMeanPoweredDistanceOfPositivePairs()
    {
        var x = Tensor.FromArray([0f, 0f, 1f, 1f], 2, 2);
        var y = Tensor.FromArray([3f, 4f, 1f, 1f], 2, 2);
        Assert.Equal(12.5, EmbeddingGeometry.Alignment(x, y), 12);
        Assert.Equal(2.5, EmbeddingGeometry.Alignment(x, y, alpha: 1), 12);
    }

    [Fact]
    public void Uniformity_MatchesANaivePairLoop_AndSurvivesUnderflow()
    {
        var x = SeededCases.Normal(1, 300, 7);
        var z = x.ToArray();
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < 300; i++)
        {
            for (int j = i + 1; j < 300; j++)
            {
                double d2 = 0;
                for (int k = 0; k < 7; k++)
                {
                    d2 += Math.Pow(z[i * 7 + k] - z[j * 7 + k], 2);
                }

                sum += Math.Exp(-2 * d2);
                pairs++;
            }
        }

        Tolerance.Close(Math.Log(sum / pairs), EmbeddingGeometry.Uniformity(x), 1e-5, 1e-6, "uniformity");
        // Points 100 apart: exp(−2·10⁴) underflows, yet the log-mean is exact: −2·10⁴.
        var far = Tensor.FromArray([0f, 0f, 100f, 0f], 2, 2);
        Tolerance.Close(-20000, EmbeddingGeometry.Uniformity(far), 1e-6, 0, "far");
    }

    [Fact]
    public void Spectrum_OfAMatrixWithKnownSingularValues()
    {
        // Z = U·diag(s)·Vᵀ with orthonormal columns U (n×3) and V (d×3) from Gram–Schmidt.
        const int n = 50, d = 6;
        double[] s = [10, 4, 1];
        var u = Orthonormal(2, n, 3);
        var v = Orthonormal(3, d, 3);
        var z = new float[n * d];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                double sum = 0;
                for (int k = 0; k < 3; k++)
                {
                    sum += u[i, k] * s[k] * v[j, k];
                }

                z[i * d + j] = (float)sum;
            }
        }

        var spectrum = EmbeddingGeometry.Spectrum(Tensor.FromArray(z, n, d));
        Assert.Equal(d, spectrum.SingularValues.Count);
        for (int k = 0; k < 3; k++)
        {
            Tolerance.Close(s[k], spectrum.SingularValues[k], 1e-5, 1e-5, $"σ{k}");
        }

        Assert.All(spectrum.SingularValues.Skip(3), x => Assert.True(x < 1e-3));
        // RankMe on p = σ/‖σ‖₁ + 1e-7 over all six values.
        double total = s.Sum(), h = 0;
        foreach (double p in s.Select(x => x / total + 1e-7).Concat(Enumerable.Repeat(1e-7, 3)))
        {
            h -= p * Math.Log(p);
        }

        Tolerance.Close(Math.Exp(h), spectrum.RankMe, 1e-4, 0, "RankMe");
        Assert.InRange(spectrum.RankMe, 1, 3);
    }

    [Fact]
    public void SpectralEntropy_IsLnDForIsotropicAndZeroForALine()
    {
        var iso = EmbeddingGeometry.Spectrum(SeededCases.Normal(4, 20000, 4));
        Assert.InRange(iso.SpectralEntropy, Math.Log(4) - 0.01, Math.Log(4));
        Assert.All(iso.CovarianceEigenvalues, l => Assert.InRange(l, 0.95, 1.05));
        var line = Tensor.FromArray([1f, 2f, 2f, 4f, -1f, -2f, 3f, 6f], 4, 2);
        var spectrum = EmbeddingGeometry.Spectrum(line);
        Assert.Equal(0, spectrum.SpectralEntropy, 6);
        Assert.Equal(1, spectrum.RankMe, 4);
    }

    [Fact]
    public void BadShapes_Throw()
    {
        Assert.Throws<ArgumentException>(() => EmbeddingGeometry.Uniformity(Tensor.Zeros(1, 3)));
        Assert.Throws<ArgumentException>(() => EmbeddingGeometry.Spectrum(Tensor.Zeros(3)));
        Assert.Throws<ArgumentException>(() => EmbeddingGeometry.Alignment(Tensor.Zeros(2, 3), Tensor.Zeros(3, 3)));
    }

    private static double[,] Orthonormal(ulong seed, int rows, int cols)
    {
        var rng = new Rng(seed);
        var q = new double[rows, cols];
        for (int c = 0; c < cols; c++)
        {
            for (int r = 0; r < rows; r++)
            {
                q[r, c] = rng.NextNormal();
            }

            for (int p = 0; p < c; p++)
            {
                double dot = 0;
                for (int r = 0; r < rows; r++)
                {
                    dot += q[r, c] * q[r, p];
                }

                for (int r = 0; r < rows; r++)
                {
                    q[r, c] -= dot * q[r, p];
                }
            }

            double norm = Math.Sqrt(Enumerable.Range(0, rows).Sum(r => q[r, c] * q[r, c]));
            for (int r = 0; r < rows; r++)
            {
                q[r, c] /= norm;
            }
        }

        return q;
    }
}
