using Tango.Core;
using Tango.NN.Optimizers;
using Tango.TestKit;

namespace Tango.NN.Tests.Optimizers;

public class OptimizerTests
{
    public static TheoryData<string> Kinds => ["Sgd", "SgdNesterov", "Adam", "AdamAmsGrad", "AdamW"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Step_OnAnMlpAllocatesNothingAfterWarmUp(string kind)
    {
        var rng = new Rng(1);
        var model = new Sequential(new Linear(784, 512, rng: rng), new Relu(), new Linear(512, 256, rng: rng),
            new Relu(), new Linear(256, 128, rng: rng));
        model.Forward(SeededCases.Normal(2, 2, 784)).Sum().Backward();
        var optimizer = Create(kind, model.Parameters());
        optimizer.Step();
        optimizer.Step();
        long allocated = Allocations.LeastPerRun(() =>
        {
            for (int i = 0; i < 5; i++)
            {
                optimizer.Step();
            }
        });
        Assert.True(allocated < 1024, $"{kind}: 5 steps allocated {allocated} bytes.");
    }

    [Fact]
    public void LearningRate_CanChangeBetweenSteps()
    {
        var p = Tensor.FromArray([1f]);
        p.RequiresGrad = true;
        p.Grad = Tensor.FromArray([1f]);
        var sgd = new Sgd([p], lr: 0.5f);
        sgd.Step();
        sgd.LearningRate = 0.25f;
        sgd.Step();
        Assert.Equal(0.25f, p.Item());
        Assert.Equal(0.5f, sgd.BaseLearningRate);
        Assert.Equal(2, sgd.StepCount);
    }

    [Fact]
    public void ZeroGrad_ClearsGradients_AndParametersAreDeduplicated()
    {
        var p = Tensor.FromArray([1f, 2f]);
        p.RequiresGrad = true;
        p.Grad = Tensor.FromArray([3f, 4f]);
        var sgd = new Sgd([p, p], lr: 0.1f);
        Assert.Single(sgd.Parameters);
        sgd.Step();
        Tolerance.Close([0.7f, 1.6f], p.Span, 0, 1e-6, "one update, not two");
        sgd.ZeroGrad();
        Assert.Equal([0f, 0f], p.Grad.ToArray());
    }

    [Fact]
    public void NonLeafParameter_IsRejected()
    {
        var leaf = Tensor.Ones(2);
        leaf.RequiresGrad = true;
        var ex = Assert.Throws<ArgumentException>(() => new Adam([leaf.Mul(2f)]));
        Assert.Contains("non-leaf", ex.Message, StringComparison.Ordinal);
    }

    private static Optimizer Create(string kind, IEnumerable<Tensor> parameters) => kind switch
    {
        "Sgd" => new Sgd(parameters, lr: 0.01f, momentum: 0.9f, dampening: 0.1f, weightDecay: 1e-4f),
        "SgdNesterov" => new Sgd(parameters, lr: 0.01f, momentum: 0.9f, nesterov: true),
        "Adam" => new Adam(parameters, weightDecay: 1e-4f),
        "AdamAmsGrad" => new Adam(parameters, amsgrad: true),
        "AdamW" => new AdamW(parameters),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
