using Tango.Losses.Regularizers;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Regularizers;

public class SparseCentersRegularizerTests
{
    [Fact]
    public void MatchesPml() =>
        RegularizerReference.Check("SparseCentersRegularizer_C_x4_on_W4", new SparseCentersRegularizer(4, 4), "W4");

    [Fact]
    public void GradientMatchesFiniteDifferences() =>
        GradCheck.Check(t => new SparseCentersRegularizer(2, 3).Compute(t[0]), [SeededCases.Normal(5, 6, 4)],
            eps: 1e-3f);

    [Fact]
    public void RejectsTheWrongNumberOfRows()
    {
        var ex = Assert.Throws<ArgumentException>(
            () => new SparseCentersRegularizer(2, 3).Compute(SeededCases.Normal(1, 5, 4)));
        Assert.Contains("expected 6 centre rows", ex.Message, StringComparison.Ordinal);
    }
}
