using Tango.Core;

namespace Tango.NN.Tests.Activations;

// Relu, LeakyRelu, Gelu, Sigmoid, Tanh and Softplus are thin wrappers over tensor ops that Tango.Core tests
// against double references; here each module is checked at known values and by finite differences.
public class ActivationModulesTests
{
    public static TheoryData<string> Names => ["Relu", "LeakyRelu", "Gelu", "Sigmoid", "Tanh", "Softplus"];

    [Theory]
    [InlineData("Relu", new[] { -2f, 0.5f, 3f }, new[] { 0f, 0.5f, 3f })]
    [InlineData("LeakyRelu", new[] { -2f, 0.5f, 3f }, new[] { -0.2f, 0.5f, 3f })]
    [InlineData("Gelu", new[] { -1f, 0f, 1f }, new[] { -0.158655254f, 0f, 0.841344746f })]
    [InlineData("Sigmoid", new[] { -1f, 0f, 2f }, new[] { 0.268941421f, 0.5f, 0.880797078f })]
    [InlineData("Tanh", new[] { -1f, 0f, 0.5f }, new[] { -0.761594156f, 0f, 0.462117157f })]
    [InlineData("Softplus", new[] { -1f, 0f, 30f }, new[] { 0.313261688f, 0.693147181f, 30f })]
    public void Forward_GivesKnownValues(string name, float[] x, float[] expected) =>
        Tolerance.Close(expected, Create(name).Forward(Tensor.FromArray(x)).Span, 1e-6, 1e-7, name);

    [Theory]
    [MemberData(nameof(Names))]
    public void Gradients_MatchFiniteDifferences(string name)
    {
        // Away from ReLU's kink at 0: |x| ≥ 0.1 > eps.
        var x = Tensor.FromArray(SeededCases.Uniform(3, 35, 0.1f, 2f), 5, 7);
        var sign = Tensor.FromArray(SeededCases.Uniform(4, 35).Select(v => v < 0 ? -1f : 1f).ToArray(), 5, 7);
        GradCheck.Check(t => Create(name).Forward(t[0]), [x.Mul(sign)]);
    }

    [Fact]
    public void Modules_HaveNoParameters()
    {
        foreach (var name in Names)
        {
            Assert.Empty(Create(name).Parameters());
        }
    }

    private static Module Create(string name) => name switch
    {
        "Relu" => new Relu(),
        "LeakyRelu" => new LeakyRelu(0.1f),
        "Gelu" => new Gelu(),
        "Sigmoid" => new Sigmoid(),
        "Tanh" => new Tanh(),
        "Softplus" => new Softplus(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
