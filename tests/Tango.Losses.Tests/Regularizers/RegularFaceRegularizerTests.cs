using Tango.Losses.Distances;
using Tango.Losses.Regularizers;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Regularizers;

public class RegularFaceRegularizerTests
{
    [Fact]
    public void MatchesPml() =>
        RegularizerReference.Check("RegularFaceRegularizer_on_W", new RegularFaceRegularizer(), "W");

    [Fact]
    public void GradientMatchesFiniteDifferences() =>
        GradCheck.Check(t => new RegularFaceRegularizer().Compute(t[0]), [SeededCases.Normal(4, 5, 4)], eps: 1e-3f);

    [Fact]
    public void NeedsASimilarity() =>
        Assert.Throws<ArgumentException>(() => new RegularFaceRegularizer(new LpDistance()));
}
