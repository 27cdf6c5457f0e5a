using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;
using Tango.Losses.Tests.Harness;

namespace Tango.Losses.Tests.Losses;

public class SignalToNoiseRatioContrastiveLossTests
{
    [Fact]
    public void MatchesPml()
    {
        var c = ReferenceCase.Load("SignalToNoiseRatioContrastiveLoss");
        var loss = new SignalToNoiseRatioContrastiveLoss((float)c.Kwarg("pos_margin"), (float)c.Kwarg("neg_margin"));
        ReferenceRunner.Check(c, loss);
        UnreducedAssert.Matches(c, loss.ComputeUnreduced(c.EmbeddingTensor(), c.Labels));
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1, 3, 4];
        var loss = new SignalToNoiseRatioContrastiveLoss(0.3f, 1.5f, reducer: new MeanReducer());
        GradCheck.Check(t => loss.Compute(t[0], labels), [SeededCases.Normal(3, 10, 5)], eps: 1e-3f);
    }

    [Fact]
    public void RequiresSnrDistance() =>
        Assert.Throws<ArgumentException>(() => new SignalToNoiseRatioContrastiveLoss(distance: new LpDistance()));
}
