using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Losses;

public class GeneralizedLiftedStructureLossTests
{
    [Fact]
    public void MatchesPml()
    {
        var c = ReferenceCase.Load("GeneralizedLiftedStructureLoss");
        var loss = new GeneralizedLiftedStructureLoss((float)c.Kwarg("neg_margin"), (float)c.Kwarg("pos_margin"));
        ReferenceRunner.Check(c, loss);
        UnreducedAssert.Matches(c, loss.ComputeUnreduced(c.EmbeddingTensor(), c.Labels));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void GradientMatchesFiniteDifferences(int distance)
    {
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1, 3, 4];
        var loss = distance == 0
            ? new GeneralizedLiftedStructureLoss(negMargin: 1.5f)
            : new GeneralizedLiftedStructureLoss(0.2f, 0.9f, new CosineSimilarity());
        GradCheck.Check(t => loss.Compute(t[0], labels), [SeededCases.Normal(3, 10, 5)], eps: 1e-3f);
    }
}
