using Tango.Core;
using Tango.Core.Memory;

namespace Tango.NN.Tests;

public class ModuleTests
{
    private sealed class Block : Module
    {
        public Block(Rng rng)
        {
            Proj = RegisterModule("proj", new Linear(3, 4, rng: rng));
            Norm = RegisterModule("norm", new BatchNorm1d(4));
            Scale = RegisterParameter("scale", Tensor.Ones(4));
        }

        public Linear Proj { get; }

        public BatchNorm1d Norm { get; }

        public Tensor Scale { get; }

        public override Tensor Forward(Tensor input) => Norm.Forward(Proj.Forward(input)).Mul(Scale);
    }

    [Fact]
    public void NamedParameters_AreDottedOwnFirstThenChildrenInOrder()
    {
        var model = new Sequential(new Block(new Rng(1)), new Relu(), new Linear(4, 2, rng: new Rng(2)));
        var names = model.NamedParameters().Select(p => p.Key).ToArray();
        Assert.Equal(["0.scale", "0.proj.weight", "0.proj.bias", "0.norm.weight", "0.norm.bias", "2.weight", "2.bias"],
            names);
        Assert.All(model.Parameters(), p => Assert.True(p.RequiresGrad && p.IsLeaf));
        Assert.Equal(3 * 4 + 4 + 4 + 4 + 4 + 4 * 2 + 2, model.Parameters().Sum(p => p.Size));
    }

    [Fact]
    public void StateDict_AddsBuffersWithPyTorchNames()
    {
        var model = new Sequential(new Linear(2, 3, rng: new Rng(1)), new BatchNorm1d(3));
        Assert.Equal(
            ["0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked"],
            model.StateDict().Keys.ToArray());
        Assert.Equal(["1.running_mean", "1.running_var", "1.num_batches_tracked"],
            model.NamedBuffers().Select(b => b.Key).ToArray());
    }

    [Fact]
    public void SharedModule_ParametersAppearOnce()
    {
        var shared = new Linear(2, 2, rng: new Rng(1));
        var model = new Sequential(shared, new Relu(), shared);
        Assert.Equal(["0.weight", "0.bias"], model.NamedParameters().Select(p => p.Key).ToArray());
    }

    [Fact]
    public void TrainEval_PropagateToEveryDescendant()
    {
        var block = new Block(new Rng(1));
        var model = new Sequential(new Sequential(block, new Dropout(0.5f, new Rng(3))), new Identity());
        Assert.True(block.Norm.IsTraining);
        model.Eval();
        Assert.False(model.IsTraining);
        Assert.False(block.IsTraining);
        Assert.False(block.Norm.IsTraining);
        Assert.False(((Sequential)model[0])[1].IsTraining);
        model.Train();
        Assert.True(block.Proj.IsTraining && block.Norm.IsTraining && model[1].IsTraining);
    }

    [Fact]
    public void ZeroGrad_ClearsEveryGradientKeepingBuffers()
    {
        var model = new Sequential(new Linear(3, 4, rng: new Rng(1)), new Relu(), new Linear(4, 1, rng: new Rng(2)));
        model.Forward(SeededCases.Normal(5, 6, 3)).Sum().Backward();
        var grads = model.Parameters().Select(p => p.Grad!).ToArray();
        Assert.Contains(grads, g => g.ToArray().Any(v => v != 0f));
        model.ZeroGrad();
        Assert.All(model.Parameters(), p => Assert.All(p.Grad!.ToArray(), v => Assert.Equal(0f, v)));
        Assert.All(model.Parameters().Zip(grads), pair => Assert.Same(pair.Second, pair.First.Grad));
    }

    [Fact]
    public void Parameters_SurviveTheScopeTheyWereBuiltIn()
    {
        Linear layer;
        using (TensorScope.Begin())
        {
            layer = new Linear(3, 2, rng: new Rng(1));
            layer.Forward(SeededCases.Normal(1, 2, 3)).Sum().Backward();
        }

        Assert.False(layer.Weight.IsDisposed);
        Assert.False(layer.Weight.Grad!.IsDisposed);
        Assert.Equal(6, layer.Weight.ToArray().Length);
    }

    [Fact]
    public void DuplicateOrDottedNames_AreRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new BadModule(duplicate: true));
        Assert.Contains("already has a member named 'w'", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<ArgumentException>(() => new BadModule(duplicate: false));
        Assert.Contains("must not contain '.'", ex.Message, StringComparison.Ordinal);
    }

    private sealed class BadModule : Module
    {
        public BadModule(bool duplicate)
        {
            RegisterParameter(duplicate ? "w" : "a.b", Tensor.Zeros(1));
            RegisterParameter("w", Tensor.Zeros(1));
        }

        public override Tensor Forward(Tensor input) => input;
    }
}
