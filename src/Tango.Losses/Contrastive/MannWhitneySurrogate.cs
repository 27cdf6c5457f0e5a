namespace Tango.Losses.Contrastive;

/// <summary>
/// The smooth stand-in for the step 1[s_n ≥ s_p] that <see cref="MannWhitneyLoss"/> averages over (positive,
/// negative) score pairs.
/// </summary>
public enum MannWhitneySurrogate
{
    /// <summary>σ((s_n − s_p)/τ): a sigmoid of the score difference, smooth and bounded in (0, 1).</summary>
    Sigmoid,

    /// <summary>
    /// max(0, γ − (s_p − s_n))^p: the polynomial hinge of Yan et al. 2003 ("Optimizing Classifier Performance via
    /// an Approximation to the Wilcoxon-Mann-Whitney Statistic").
    /// </summary>
    Polynomial,
}
