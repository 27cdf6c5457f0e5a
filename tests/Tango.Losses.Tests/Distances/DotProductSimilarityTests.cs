using Tango.Losses.Distances;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Distances;

public class DotProductSimilarityTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void GradientMatchesFiniteDifferences(bool normalize)
    {
        var d = new DotProductSimilarity(normalize);
        GradCheck.Check(t => d.Matrix(t[0], t[1]), [SeededCases.Normal(1, 5, 4), SeededCases.Normal(2, 3, 4)],
            eps: 1e-3f);
        GradCheck.Check(t => d.Matrix(t[0]), [SeededCases.Normal(3, 5, 4)], eps: 1e-3f);
    }

    [Fact]
    public void MatchesNaiveDot()
    {
        var x = SeededCases.Normal(4, 6, 5);
        var expected = NaiveDistances.Dot(x, normalize: false);
        var actual = new DotProductSimilarity(normalizeEmbeddings: false).Matrix(x);
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j < 6; j++)
            {
                Tolerance.Close(expected[i, j], actual[i, j], rtol: 1e-5, atol: 1e-6);
            }
        }
    }
}
