namespace Tango.Losses.Retrieval;

/// <summary>The distance matrix of the batch triplet losses (ST's BatchHardTripletLossDistanceFunction).</summary>
public enum BatchTripletDistance
{
    /// <summary>‖x_i − x_j‖₂ from the Gram matrix (exactly 0 on the diagonal, zero gradient there).</summary>
    Euclidean,

    /// <summary>1 − cos(x_i, x_j).</summary>
    Cosine,
}
