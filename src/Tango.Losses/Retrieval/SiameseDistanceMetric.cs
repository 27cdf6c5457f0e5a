namespace Tango.Losses.Retrieval;

/// <summary>The pair distance of the siamese contrastive losses (ST's SiameseDistanceMetric).</summary>
public enum SiameseDistanceMetric
{
    /// <summary>1 − cos(a, b).</summary>
    CosineDistance,

    /// <summary>‖a − b + 10⁻⁶‖₂ (PyTorch's <c>pairwise_distance</c>; ε keeps it differentiable at a = b).</summary>
    Euclidean,

    /// <summary>‖a − b + 10⁻⁶‖₁.</summary>
    Manhattan,
}
