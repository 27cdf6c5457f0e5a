namespace Tango.NN;

/// <summary>Which fan Kaiming initialisation keeps the variance of: the forward or the backward pass's.</summary>
public enum FanMode
{
    /// <summary>Preserve the variance of activations in the forward pass (PyTorch's default).</summary>
    FanIn,

    /// <summary>Preserve the variance of gradients in the backward pass.</summary>
    FanOut,
}
