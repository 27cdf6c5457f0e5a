using Tango.Core;

namespace Tango.NN.Tests.Layers;

public class SequentialTests
{
    [Fact]
    public void Mlp_GradientsMatchFiniteDifferencesForEveryParameter()
    {
        var rng = new Rng(21);
        var model = new Sequential(new Linear(5, 7, rng: rng), new Tanh(), new Linear(7, 1, rng: rng), new Sigmoid(),
            new Linear(1, 3, rng: rng));
        var x = SeededCases.Normal(22, 4, 5);
        GradCheck.Check(t => model.Forward(t[0]), [x, .. model.Parameters()]);
    }

    [Fact]
    public void Forward_ChainsInOrderAndIndexesChildren()
    {
        var first = new Linear(2, 3, rng: new Rng(1));
        var second = new Linear(3, 1, rng: new Rng(2));
        var model = new Sequential(first).Append(new Relu()).Append(second);
        Assert.Equal(3, model.Count);
        Assert.Same(second, model[2]);
        var x = SeededCases.Normal(3, 4, 2);
        Assert.Equal(second.Forward(first.Forward(x).Relu()).ToArray(), model.Forward(x).ToArray());
        Assert.Equal(["0", "1", "2"], model.NamedChildren().Select(c => c.Key).ToArray());
    }

    [Fact]
    public void Empty_IsTheIdentity()
    {
        var x = SeededCases.Normal(1, 2, 2);
        Assert.Same(x, new Sequential().Forward(x));
    }
}
