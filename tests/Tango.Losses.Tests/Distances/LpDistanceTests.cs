using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Distances;

public class LpDistanceTests
{
    [Theory]
    [InlineData(2f, 1f, true)]
    [InlineData(2f, 1f, false)]
    [InlineData(2f, 2f, true)]
    [InlineData(1f, 1f, false)]
    [InlineData(3f, 1f, true)]
    [InlineData(2f, 0.5f, false)]
    public void GradientMatchesFiniteDifferences(float p, float power, bool normalize)
    {
        // Seeds chosen so that no coordinate difference lies within eps of 0 (the p = 1 kink).
        var d = new LpDistance(p, power, normalize);
        GradCheck.Check(t => d.Matrix(t[0], t[1]), [SeededCases.Normal(21, 5, 4), SeededCases.Normal(22, 6, 4)],
            eps: 1e-3f);
        GradCheck.Check(t => OffDiagonal(d.Matrix(t[0])), [SeededCases.Normal(3, 5, 4)], eps: 1e-3f);
    }

    [Fact]
    public void SelfDiagonalIsExactlyZeroWithZeroGradient()
    {
        var x = SeededCases.Normal(8, 6, 5);
        x.RequiresGrad = true;
        var m = new LpDistance().Matrix(x);
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(0f, m[i, i]);
        }

        m.Sum().Backward();
        Assert.All(x.Grad!.ToArray(), g => Assert.True(float.IsFinite(g)));
    }

    [Fact]
    public void IdenticalRowsGiveZeroDistanceAndFiniteGradient()
    {
        var x = Tensor.FromArray([1f, 2f, 3f, 1f, 2f, 3f], 2, 3);
        var y = Tensor.FromArray([1f, 2f, 3f], 1, 3);
        x.RequiresGrad = true;
        var m = new LpDistance().Matrix(x, y);
        Assert.All(m.ToArray(), v => Assert.True(v < 1e-3f));
        m.Sum().Backward();
        Assert.All(x.Grad!.ToArray(), g => Assert.True(float.IsFinite(g)));
    }

    [Fact]
    public void MatchesNaiveEuclidean()
    {
        var x = SeededCases.Normal(4, 7, 9);
        var y = SeededCases.Normal(5, 3, 9);
        var expected = NaiveDistances.Euclidean(x, normalize: false, y);
        var actual = new LpDistance(normalizeEmbeddings: false).Matrix(x, y);
        for (int i = 0; i < 7; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                Tolerance.Close(expected[i, j], actual[i, j], rtol: 1e-5);
            }
        }
    }

    // The diagonal of a self-distance is 0 with a kink; the check covers the rest.
    private static Tensor OffDiagonal(Tensor m)
    {
        int n = m.Dim(0);
        var mask = new float[n * n];
        for (int i = 0; i < n * n; i++)
        {
            mask[i] = i / n == i % n ? 0f : 1f;
        }

        return m.Mul(Tensor.FromArray(mask, n, n));
    }
}
