using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Regularizers;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Regularizers;

public class CenterInvariantRegularizerTests
{
    [Fact]
    public void MatchesPml() =>
        RegularizerReference.Load("CenterInvariantRegularizer_on_W", "W").Check(new CenterInvariantRegularizer().Compute);

    [Fact]
    public void EqualNormsGiveZero()
    {
        var w = Tensor.FromArray([3f, 4f, 0f, 5f, -5f, 0f], 3, 2);
        Assert.Equal(0f, new CenterInvariantRegularizer().Compute(w).Item(), 4);
    }

    [Fact]
    public void GradientMatchesFiniteDifferences() =>
        GradCheck.Check(t => new CenterInvariantRegularizer().Compute(t[0]), [SeededCases.Normal(6, 5, 3)], eps: 1e-3f);

    [Fact]
    public void RejectsANormalisingDistance() =>
        Assert.Throws<ArgumentException>(() => new CenterInvariantRegularizer(new LpDistance()));
}
