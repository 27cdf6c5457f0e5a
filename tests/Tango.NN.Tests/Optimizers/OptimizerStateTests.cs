using Tango.Core;
using Tango.NN.Optimizers;

namespace Tango.NN.Tests.Optimizers;

public class OptimizerStateTests
{
    public static TheoryData<string> Kinds => ["adam", "adamw-amsgrad", "sgd-momentum", "sgd-nesterov"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void SaveAfterFiveSteps_LoadIntoFreshOptimizer_ContinuesWithIdenticalBits(string kind)
    {
        // Reference: 10 steps straight. Resumed: 5 steps, state copied into a new optimizer on a new tensor
        // holding the same values, 5 more steps.
        var straight = new Quadratic();
        var finalStraight = straight.Run(Create(kind, straight.X), 10)[^1];

        var first = new Quadratic();
        var opt = Create(kind, first.X);
        first.Run(opt, 5);
        var state = opt.GetState();
        var second = new Quadratic();
        first.X.Span.CopyTo(second.X.Span);
        var resumed = Create(kind, second.X);
        resumed.LoadState(state);
        var finalResumed = second.Run(resumed, 5)[^1];

        Assert.Equal(10, resumed.StepCount);
        Assert.Equal(finalStraight.Select(BitConverter.SingleToInt32Bits),
            finalResumed.Select(BitConverter.SingleToInt32Bits));
        // Without the state the continuation differs (the moments matter), so the test can fail.
        var cold = new Quadratic();
        first.X.Span.CopyTo(cold.X.Span);
        Assert.NotEqual(finalStraight, cold.Run(Create(kind, cold.X), 6)[^1]);
    }

    [Fact]
    public void GetState_NamesBuffersAndCountersPerParameter()
    {
        var a = Tensor.Zeros(3);
        var b = Tensor.Zeros(2, 2);
        var state = new AdamW([a, b], amsgrad: true).GetState();
        Assert.Equal(["exp_avg.0", "exp_avg.1", "exp_avg_sq.0", "exp_avg_sq.1", "max_exp_avg_sq.0",
            "max_exp_avg_sq.1"], state.Buffers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(4, state.Buffers["exp_avg.1"].Length);
        Assert.Equal([0L, 0L], state.Counters["step"]);
    }

    [Fact]
    public void LoadState_WithWrongShapesOrNames_ThrowsAndChangesNothing()
    {
        var p = Tensor.Zeros(3);
        var adam = new Adam([p]);
        var other = new Adam([Tensor.Zeros(4)]).GetState();
        var ex = Assert.Throws<ArgumentException>(() => adam.LoadState(other));
        Assert.Contains("exp_avg.0", ex.Message, StringComparison.Ordinal);
        var sgdState = new Sgd([Tensor.Zeros(3)], momentum: 0.9f).GetState();
        Assert.Throws<ArgumentException>(() => adam.LoadState(sgdState));
        Assert.Equal(0, adam.StepCount);
    }

    private static Optimizer Create(string kind, Tensor x) => kind switch
    {
        "adam" => new Adam([x], lr: 0.05f),
        "adamw-amsgrad" => new AdamW([x], lr: 0.05f, weightDecay: 0.1f, amsgrad: true),
        "sgd-momentum" => new Sgd([x], lr: 0.05f, momentum: 0.9f, dampening: 0.1f),
        _ => new Sgd([x], lr: 0.05f, momentum: 0.9f, nesterov: true),
    };
}
