using Tango.Losses.Regularizers;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Regularizers;

public class CenterInvariantRegularizerTests
{
    [Fact]
    public void MatchesPml() =>
        RegularizerReference.Check("CenterInvariantRegularizer_on_W", new CenterInvariantRegularizer(), "W");

    [Fact]
    public void GradientMatchesFiniteDifferences() =>
        GradCheck.Check(t => new CenterInvariantRegularizer().Compute(t[0]), [SeededCases.Normal(3, 5, 4)],
            eps: 1e-3f);
}
