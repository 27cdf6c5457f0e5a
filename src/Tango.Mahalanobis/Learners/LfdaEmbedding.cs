namespace Tango.Mahalanobis;

/// <summary>How <see cref="Lfda"/> scales its generalized eigenvectors.</summary>
public enum LfdaEmbedding
{
    /// <summary>Each eigenvector times sqrt(its eigenvalue) (the default, Sugiyama 2007).</summary>
    Weighted,

    /// <summary>An orthonormal basis of the eigenvectors' span (QR).</summary>
    Orthonormalized,

    /// <summary>The B-orthonormal eigenvectors as they are.</summary>
    Plain,
}
