using Tango.Losses.Distances;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Distances;

public class CosineSimilarityTests
{
    [Fact]
    public void IsTheDotProductOfUnitVectors()
    {
        var x = SeededCases.Normal(4, 6, 5);
        var y = SeededCases.Normal(5, 4, 5);
        var expected = NaiveDistances.Dot(x, normalize: true, y);
        var cos = new CosineSimilarity();
        Assert.True(cos.IsSimilarity);
        Assert.True(cos.NormalizeEmbeddings);
        var actual = cos.Matrix(x, y);
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                Tolerance.Close(expected[i, j], actual[i, j], rtol: 1e-5, atol: 1e-6);
            }
        }
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        var d = new CosineSimilarity(power: 2);
        GradCheck.Check(t => d.Matrix(t[0], t[1]), [SeededCases.Normal(1, 5, 4), SeededCases.Normal(2, 3, 4)],
            eps: 1e-3f);
    }
}
