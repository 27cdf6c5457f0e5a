namespace Tango.Mahalanobis;

/// <summary>How NCA, MLKR and LMNN initialise L (metric-learn's <c>init</c>).</summary>
public enum ComponentInit
{
    /// <summary>LDA when the output dimension is at most min(features, classes - 1), else PCA when it is below
    /// min(features, samples), else identity.</summary>
    Auto,

    /// <summary>The first rows of the identity.</summary>
    Identity,

    /// <summary>Standard normal entries (seeded).</summary>
    Random,

    /// <summary>The leading principal axes of the data.</summary>
    Pca,

    /// <summary>The leading discriminant directions, within-class whitened (scikit-learn's LDA scalings).</summary>
    Lda,
}
