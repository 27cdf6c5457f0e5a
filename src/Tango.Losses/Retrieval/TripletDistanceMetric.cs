namespace Tango.Losses.Retrieval;

/// <summary>The distance of <see cref="TripletLoss"/> (sentence-transformers' TripletDistanceMetric).</summary>
public enum TripletDistanceMetric
{
    /// <summary>1 − cos(a, b).</summary>
    Cosine,

    /// <summary>‖a − b‖₂.</summary>
    Euclidean,

    /// <summary>‖a − b‖₁.</summary>
    Manhattan,
}
