using Tango.Core;

namespace Tango.NN.Tests.Layers;

public class IdentityTests
{
    [Fact]
    public void Forward_ReturnsTheInputAndHasNoParameters()
    {
        var x = Tensor.FromArray([1f, 2f], 2);
        var identity = new Identity();
        Assert.Same(x, identity.Forward(x));
        Assert.Empty(identity.Parameters());
    }
}
