using Tango.Losses.Regularizers;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Regularizers;

public class ZeroMeanRegularizerTests
{
    [Fact]
    public void MatchesPml() =>
        RegularizerReference.Check("ZeroMeanRegularizer_on_embeddings", new ZeroMeanRegularizer(), "embeddings");

    [Fact]
    public void GradientMatchesFiniteDifferences() =>
        GradCheck.Check(t => new ZeroMeanRegularizer().Compute(t[0]), [SeededCases.Normal(2, 6, 4)], eps: 1e-3f);
}
