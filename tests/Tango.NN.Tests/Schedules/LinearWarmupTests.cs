using Tango.NN.Schedules;

namespace Tango.NN.Tests.Schedules;

public class LinearWarmupTests
{
    [Theory]
    [InlineData(0, 0.025)]
    [InlineData(1, 0.05)]
    [InlineData(3, 0.1)]
    [InlineData(4, 0.1)]     // cosine step 0
    [InlineData(9, 0.05)]    // cosine step 5 of 10: the midpoint
    [InlineData(14, 0.0)]    // cosine step 10: η_min
    public void RampsLinearlyThenHandsOver(long step, double expected) =>
        Tolerance.Close(expected, new LinearWarmup(4, new CosineAnnealingLr(10)).LearningRate(step, 0.1f), 1e-6,
            1e-8, $"lr({step})");

    [Fact]
    public void WithoutInnerSchedule_StaysAtTheBaseRate_AndZeroWarmupIsTheInnerSchedule()
    {
        var warmup = new LinearWarmup(2);
        Assert.Equal([0.5f, 1f, 1f, 1f], new long[] { 0, 1, 2, 50 }.Select(s => warmup.LearningRate(s, 1f)).ToArray());
        var inner = new StepLr(1, 0.5f);
        Assert.Equal(inner.LearningRate(3, 1f), new LinearWarmup(0, inner).LearningRate(3, 1f));
    }
}
