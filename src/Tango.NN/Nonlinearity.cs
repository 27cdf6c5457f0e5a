namespace Tango.NN;

/// <summary>The nonlinearity that follows a layer, which sets the gain of <see cref="Init"/>'s Kaiming rules.</summary>
public enum Nonlinearity
{
    /// <summary>Identity (gain 1).</summary>
    Linear,

    /// <summary>Logistic sigmoid (gain 1).</summary>
    Sigmoid,

    /// <summary>Hyperbolic tangent (gain 5/3).</summary>
    Tanh,

    /// <summary>Rectified linear unit (gain √2).</summary>
    Relu,

    /// <summary>Leaky ReLU with negative slope a (gain √(2 / (1 + a²))).</summary>
    LeakyRelu,
}
