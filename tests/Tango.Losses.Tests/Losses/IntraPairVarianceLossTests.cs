using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Losses;

public class IntraPairVarianceLossTests
{
    [Fact]
    public void MatchesPml()
    {
        var c = ReferenceCase.Load("IntraPairVarianceLoss");
        var loss = new IntraPairVarianceLoss((float)c.Kwarg("pos_eps"), (float)c.Kwarg("neg_eps"));
        ReferenceRunner.Check(c, loss);
        UnreducedAssert.Matches(c, loss.ComputeUnreduced(c.EmbeddingTensor(), c.Labels));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void GradientMatchesFiniteDifferences(int distance)
    {
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1, 3, 4];
        var loss = distance == 0 ? new IntraPairVarianceLoss(0.05f, 0.05f)
            : new IntraPairVarianceLoss(0.05f, 0.05f, new LpDistance());
        GradCheck.Check(t => loss.Compute(t[0], labels), [SeededCases.Normal(3, 10, 5)], eps: 1e-3f);
    }
}
