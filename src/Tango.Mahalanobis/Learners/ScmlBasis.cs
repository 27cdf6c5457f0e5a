namespace Tango.Mahalanobis;

/// <summary>How SCML builds its dictionary of rank-one bases (metric-learn's <c>basis</c>).</summary>
public enum ScmlBasis
{
    /// <summary>Eigenvectors of differences of triplet scatter matrices (works from triplets alone).</summary>
    TripletDiffs,

    /// <summary>Local LDA directions around k-means centres at two neighbourhood scales (needs labels).</summary>
    Lda,
}
