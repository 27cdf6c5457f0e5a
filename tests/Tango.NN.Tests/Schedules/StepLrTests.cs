using Tango.NN.Optimizers;
using Tango.NN.Schedules;

namespace Tango.NN.Tests.Schedules;

public class StepLrTests
{
    [Theory]
    [InlineData(0, 0.1)]
    [InlineData(2, 0.1)]
    [InlineData(3, 0.05)]
    [InlineData(5, 0.05)]
    [InlineData(6, 0.025)]
    [InlineData(30, 0.1 / 1024)]
    public void DecaysByGammaEveryStepSize(long step, double expected) =>
        Tolerance.Close(expected, new StepLr(3, 0.5f).LearningRate(step, 0.1f), 1e-6, 0, $"lr({step})");

    [Fact]
    public void Apply_SetsTheOptimizersRateFromItsBase()
    {
        var sgd = new Sgd([Core.Tensor.Zeros(1)], lr: 0.2f);
        var schedule = new StepLr(2, 0.1f);
        schedule.Apply(sgd, 4);
        Tolerance.Close(0.002, sgd.LearningRate, 1e-6, 0, "lr");
        schedule.Apply(sgd, 1);
        Assert.Equal(0.2f, sgd.LearningRate);
    }

    [Fact]
    public void InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepLr(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepLr(1, -0.1f));
    }
}
