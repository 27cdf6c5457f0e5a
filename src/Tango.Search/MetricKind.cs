namespace Tango.Search;

/// <summary>
/// How a k-NN index compares vectors. Distances (<see cref="SquaredL2"/>, <see cref="L2"/>) rank smallest first;
/// similarities (<see cref="InnerProduct"/>, <see cref="Cosine"/>) rank largest first.
/// </summary>
public enum MetricKind
{
    /// <summary>‖q − x‖², as faiss <c>METRIC_L2</c> reports it.</summary>
    SquaredL2,

    /// <summary>‖q − x‖.</summary>
    L2,

    /// <summary>q · x (faiss <c>METRIC_INNER_PRODUCT</c>).</summary>
    InnerProduct,

    /// <summary>q · x / (max(‖q‖, ε) · max(‖x‖, ε)), ε = 1e-12 as PyTorch's <c>normalize</c>.</summary>
    Cosine,
}
