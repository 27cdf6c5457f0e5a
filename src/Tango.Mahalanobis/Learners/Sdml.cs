using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis;

/// <summary>
/// Sparse Determinant Metric Learning (Qi et al. 2009) on labelled pairs: a sparse precision matrix close to the
/// prior that shrinks similar pairs and stretches dissimilar ones. Parameters and defaults follow metric-learn's
/// <c>SDML</c> (balance η = 0.5, sparsity λ = 0.01). Also a pair classifier.
/// </summary>
public sealed class Sdml : MahalanobisPairClassifier
{
    /// <summary>Creates the learner.</summary>
    /// <param name="balance">Weight η of the pair term against the prior.</param>
    /// <param name="sparsity">ℓ₁ weight λ of the graphical lasso.</param>
    /// <param name="prior">Prior matrix M₀ (must be positive definite).</param>
    /// <param name="priorMatrix">An explicit prior; overrides <paramref name="prior"/>.</param>
    /// <param name="seed">Seed for the random prior.</param>
    public Sdml(double balance = 0.5, double sparsity = 0.01, MetricPrior prior = MetricPrior.Identity,
        double[,]? priorMatrix = null, ulong seed = 0)
    {
        Settings = Validate(balance, sparsity, prior, priorMatrix, seed, nameof(Sdml));
    }

    /// <summary>Whether the last fit had to project an indefinite pair covariance onto the PSD cone.</summary>
    public bool ProjectedCovariance { get; private set; }

    internal SdmlSettings Settings { get; }

    internal override void FitPairs(double[] x, int n, int d, Pairs pairs)
    {
        var (m, projected) = SdmlSolver.Fit(x, d, pairs, Settings, Name);
        ProjectedCovariance = projected;
        SetComponents(MetricFactor.ComponentsFromMetric(m, d, Name), d, d);
    }

    internal static SdmlSettings Validate(double balance, double sparsity, MetricPrior prior, double[,]? priorMatrix,
        ulong seed, string learner)
    {
        if (!(balance >= 0) || !double.IsFinite(balance))
        {
            throw new ArgumentOutOfRangeException(nameof(balance), $"{learner}: balance = {balance} must be ≥ 0.");
        }

        if (!(sparsity > 0) || !double.IsFinite(sparsity))
        {
            throw new ArgumentOutOfRangeException(nameof(sparsity), $"{learner}: sparsity = {sparsity} must be > 0.");
        }

        return new SdmlSettings(balance, sparsity, prior, priorMatrix, seed);
    }
}
