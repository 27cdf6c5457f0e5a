using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Regularizers;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Regularizers;

public class RegularFaceRegularizerTests
{
    [Fact]
    public void MatchesPml() =>
        RegularizerReference.Load("RegularFaceRegularizer_on_W", "W").Check(new RegularFaceRegularizer().Compute);

    [Fact]
    public void IsTheMeanCosineToTheNearestOtherRow()
    {
        var w = SeededCases.Normal(3, 5, 4);
        var rows = NaiveClassifier.Rows(w);
        double expected = Enumerable.Range(0, 5).Average(i =>
            Enumerable.Range(0, 5).Where(j => j != i).Max(j => NaiveClassifier.Cosine(rows[i], rows[j])));
        Tolerance.Close(expected, new RegularFaceRegularizer().Compute(w).Item(), rtol: 1e-5);
    }

    [Fact]
    public void GradientMatchesFiniteDifferences() =>
        GradCheck.Check(t => new RegularFaceRegularizer().Compute(t[0]), [SeededCases.Normal(4, 6, 4)], eps: 1e-3f);

    [Fact]
    public void OneRowGivesZeroAndADistanceIsRejected()
    {
        var w = SeededCases.Normal(1, 1, 4);
        w.RequiresGrad = true;
        var value = new RegularFaceRegularizer().Compute(w);
        value.Backward();
        Assert.Equal(0f, value.Item());
        Assert.All(w.Grad!.ToArray(), g => Assert.Equal(0f, g));
        Assert.Throws<ArgumentException>(() => new RegularFaceRegularizer(new LpDistance()));
    }
}
