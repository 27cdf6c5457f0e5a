using Tango.Core;
using Tango.Core.Linalg;
using Tango.TestKit;
using Tango.Training.Reporting;

namespace Tango.Training.Tests.Reporting;

public class PcaTests
{
    [Fact]
    public void Project2_MatchesTheTopEigenvectorsOfTheCovariance()
    {
        // Anisotropic Gaussian in 6-D, rotated: compare with a dense eigendecomposition (up to each axis's sign).
        const int n = 400, d = 6;
        var rng = new Rng(11);
        var x = new float[n * d];
        double[] scales = [5, 3, 1, 0.5, 0.3, 0.1];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                x[i * d + j] = (float)(scales[j] * rng.NextNormal() + j);
            }
        }

        var projected = Pca.Project2(x, n, d);
        var mean = Enumerable.Range(0, d).Select(j => Enumerable.Range(0, n).Average(i => x[i * d + j])).ToArray();
        var cov = new double[d * d];
        for (int i = 0; i < n; i++)
        {
            for (int a = 0; a < d; a++)
            {
                for (int b = 0; b < d; b++)
                {
                    cov[a * d + b] += (x[i * d + a] - mean[a]) * (x[i * d + b] - mean[b]);
                }
            }
        }

        var (_, vectors) = SymmetricEigen.Decompose(cov, d);
        for (int c = 0; c < 2; c++)
        {
            double sign = 0;
            for (int i = 0; i < n; i++)
            {
                double expected = 0;
                for (int j = 0; j < d; j++)
                {
                    expected += (x[i * d + j] - mean[j]) * vectors[j * d + c];
                }

                sign = sign != 0 ? sign : Math.Sign(expected) * Math.Sign(projected[i * 2 + c]);
                Tolerance.Close(sign * expected, projected[i * 2 + c], 1e-3, 1e-3, $"point {i}, axis {c}");
            }
        }
    }

    [Fact]
    public void Project2_OneDimensionalOrConstantInput_IsFinite()
    {
        var one = Pca.Project2([1f, 2f, 3f], 3, 1);
        Assert.Equal([-1f, 0f, 0f, 0f, 1f, 0f], one);
        var constant = Pca.Project2(new float[12], 4, 3);
        Assert.All(constant, v => Assert.Equal(0f, v));
    }
}
