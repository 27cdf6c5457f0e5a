using Tango.NN.Schedules;

namespace Tango.NN.Tests.Schedules;

public class CosineAnnealingLrTests
{
    // η_min + (base − η_min)(1 + cos(π t / T))/2 with base 1, η_min 0.1, T 10.
    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(1, 0.97797543233)]
    [InlineData(5, 0.55)]
    [InlineData(9, 0.12202456767)]
    [InlineData(10, 0.1)]
    [InlineData(15, 0.55)]
    [InlineData(20, 1.0)]
    public void FollowsTheHalfCosine(long step, double expected) =>
        Tolerance.Close(expected, new CosineAnnealingLr(10, 0.1f).LearningRate(step, 1f), 1e-6, 1e-7, $"lr({step})");

    [Fact]
    public void IsMonotoneDecreasingOverTMax()
    {
        var schedule = new CosineAnnealingLr(100);
        for (int t = 1; t <= 100; t++)
        {
            Assert.True(schedule.LearningRate(t, 0.3f) < schedule.LearningRate(t - 1, 0.3f));
        }

        Assert.Equal(0f, schedule.LearningRate(100, 0.3f), 7);
    }
}
