using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis;

/// <summary>
/// Information-Theoretic Metric Learning (Davis et al. 2007) on labelled pairs: the Mahalanobis matrix closest to
/// the prior in LogDet divergence such that similar pairs are within distance u and dissimilar ones beyond l (the
/// 5th and 95th percentiles of the constrained points' distances unless bounds are given). Parameters and defaults
/// follow metric-learn's <c>ITML</c>. Also a pair classifier.
/// </summary>
public sealed class Itml : MahalanobisPairClassifier
{
    /// <summary>Creates the learner.</summary>
    /// <param name="gamma">Slack trade-off γ (∞ for hard constraints).</param>
    /// <param name="maxIterations">Sweeps over the constraints.</param>
    /// <param name="tolerance">Convergence threshold on the relative change of the dual variables.</param>
    /// <param name="prior">Prior matrix M₀ (must be positive definite).</param>
    /// <param name="priorMatrix">An explicit prior; overrides <paramref name="prior"/>.</param>
    /// <param name="bounds">Distance bounds (l, u); null for the data percentiles.</param>
    /// <param name="seed">Seed for the random prior.</param>
    public Itml(double gamma = 1.0, int maxIterations = 1000, double tolerance = 1e-3,
        MetricPrior prior = MetricPrior.Identity, double[,]? priorMatrix = null,
        (double Lower, double Upper)? bounds = null, ulong seed = 0)
    {
        Settings = Validate(gamma, maxIterations, tolerance, prior, priorMatrix, bounds, seed, nameof(Itml));
    }

    /// <summary>The distance bounds (l, u) the last fit used.</summary>
    public (double Lower, double Upper) Bounds { get; private set; }

    internal ItmlSettings Settings { get; }

    internal override void FitPairs(double[] x, int n, int d, Pairs pairs)
    {
        var (m, it, lo, hi) = ItmlSolver.Fit(x, d, pairs, Settings, Name);
        Iterations = it;
        Bounds = (lo, hi);
        SetComponents(MetricFactor.ComponentsFromMetric(m, d, Name), d, d);
    }

    internal static ItmlSettings Validate(double gamma, int maxIterations, double tolerance, MetricPrior prior,
        double[,]? priorMatrix, (double Lower, double Upper)? bounds, ulong seed, string learner)
    {
        if (!(gamma > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), $"{learner}: gamma = {gamma} must be > 0.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(maxIterations);
        if (!(tolerance >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), $"{learner}: tolerance = {tolerance} must be ≥ 0.");
        }

        if (bounds is { } b && !(b.Lower >= 0 && b.Upper >= 0 && double.IsFinite(b.Lower) && double.IsFinite(b.Upper)))
        {
            throw new ArgumentOutOfRangeException(nameof(bounds), $"{learner}: bounds {b} must be finite and ≥ 0.");
        }

        return new ItmlSettings(gamma, maxIterations, tolerance, prior, priorMatrix, seed, bounds);
    }
}
