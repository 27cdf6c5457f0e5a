namespace Tango.Mahalanobis;

/// <summary>
/// The prior (or initial) Mahalanobis matrix of ITML, LSML, SDML and MMC (metric-learn's <c>prior</c> / <c>init</c>
/// strings). An explicit matrix can be given instead through the learners' <c>priorMatrix</c> argument.
/// </summary>
public enum MetricPrior
{
    /// <summary>The identity (Euclidean distance).</summary>
    Identity,

    /// <summary>The inverse covariance of the distinct points in the constraints.</summary>
    Covariance,

    /// <summary>A random symmetric positive definite matrix (seeded).</summary>
    Random,
}
