using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis.Tests;

public class KMeansTests
{
    [Fact]
    public void FindsWellSeparatedBlobs()
    {
        var rng = new Tango.Core.Rng(4);
        double[][] centres = [[0, 0], [10, 0], [0, 10]];
        var x = new double[90 * 2];
        for (int i = 0; i < 90; i++)
        {
            x[i * 2] = centres[i % 3][0] + rng.NextNormal() * 0.5;
            x[i * 2 + 1] = centres[i % 3][1] + rng.NextNormal() * 0.5;
        }

        var found = KMeans.Fit(x, 90, 2, 3, seed: 1);
        foreach (var c in centres)
        {
            double best = Enumerable.Range(0, 3).Min(k =>
                Math.Sqrt(Math.Pow(found[k * 2] - c[0], 2) + Math.Pow(found[k * 2 + 1] - c[1], 2)));
            Assert.True(best < 0.5, $"no centre near ({c[0]}, {c[1]})");
        }

        Assert.Equal(found, KMeans.Fit(x, 90, 2, 3, seed: 1));
    }
}
