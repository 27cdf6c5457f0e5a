using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Regularizers;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Regularizers;

public class SparseCentersRegularizerTests
{
    [Fact]
    public void MatchesPml() =>
        RegularizerReference.Load("SparseCentersRegularizer_C_x4_on_W4", "W4")
            .Check(new SparseCentersRegularizer(4, 4).Compute);

    [Fact]
    public void IsHalfTheMeanDistanceBetweenCentresOfAClass()
    {
        var w = SeededCases.Normal(2, 6, 3);
        var rows = NaiveClassifier.Rows(w);
        var pairs = new List<double>();
        for (int s = 0; s < 6; s++)
        {
            for (int t = s + 1; t < (s / 3 + 1) * 3; t++)
            {
                pairs.Add(Math.Sqrt(2 - 2 * NaiveClassifier.Cosine(rows[s], rows[t])));
            }
        }

        Assert.Equal(6, pairs.Count);
        Tolerance.Close(pairs.Sum() / 12, new SparseCentersRegularizer(2, 3).Compute(w).Item(), rtol: 1e-5);
    }

    [Fact]
    public void GradientMatchesFiniteDifferences() =>
        GradCheck.Check(t => new SparseCentersRegularizer(2, 3).Compute(t[0]), [SeededCases.Normal(5, 6, 4)],
            eps: 1e-3f);

    [Fact]
    public void RejectsBadShapesAndArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SparseCentersRegularizer(3, 1));
        Assert.Throws<ArgumentException>(() => new SparseCentersRegularizer(3, 2, new DotProductSimilarity()));
        var ex = Assert.Throws<ArgumentException>(() => new SparseCentersRegularizer(3, 2).Compute(SeededCases.Normal(1, 5, 4)));
        Assert.Contains("3·2 = 6", ex.Message, StringComparison.Ordinal);
    }
}
