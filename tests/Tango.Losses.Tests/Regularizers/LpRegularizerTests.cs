using Tango.Core;
using Tango.Losses.Regularizers;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Regularizers;

public class LpRegularizerTests
{
    [Fact]
    public void MatchesPml()
    {
        RegularizerReference.Check("LpRegularizer_on_embeddings", new LpRegularizer(), "embeddings");
        RegularizerReference.Check("LpRegularizer_p2_power2_on_embeddings", new LpRegularizer(2, 2), "embeddings");
    }

    [Theory]
    [InlineData(2f, 1f)]
    [InlineData(1f, 1f)]
    [InlineData(3f, 2f)]
    public void GradientMatchesFiniteDifferences(float p, float power) =>
        GradCheck.Check(t => new LpRegularizer(p, power).Compute(t[0]), [SeededCases.Normal(1, 6, 4)], eps: 1e-3f);

    [Fact]
    public void ZeroRowHasZeroGradient()
    {
        var x = Tensor.Zeros(2, 3);
        x.RequiresGrad = true;
        new LpRegularizer().Compute(x).Backward();
        Assert.All(x.Grad!.ToArray(), g => Assert.Equal(0f, g));
    }
}
