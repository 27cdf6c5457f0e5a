using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis;

/// <summary>
/// Mahalanobis Metric for Clustering (Xing et al. 2002) on labelled pairs: maximise the summed distance of
/// dissimilar pairs while the summed squared distance of similar pairs stays bounded, over full or diagonal M.
/// Parameters and defaults follow metric-learn's <c>MMC</c>. Also a pair classifier.
/// </summary>
public sealed class Mmc : MahalanobisPairClassifier
{
    /// <summary>Creates the learner.</summary>
    /// <param name="maxIterations">Gradient cycles (full) or Newton steps (diagonal).</param>
    /// <param name="maxProjections">Alternating projections per cycle (full).</param>
    /// <param name="tolerance">Convergence threshold.</param>
    /// <param name="init">Initial matrix.</param>
    /// <param name="initMatrix">An explicit initial matrix; overrides <paramref name="init"/>.</param>
    /// <param name="diagonal">Learn a diagonal M.</param>
    /// <param name="diagonalC">Weight c of the dissimilarity term (diagonal).</param>
    /// <param name="seed">Seed for the random initial matrix.</param>
    public Mmc(int maxIterations = 100, int maxProjections = 10000, double tolerance = 1e-3,
        MetricPrior init = MetricPrior.Identity, double[,]? initMatrix = null, bool diagonal = false,
        double diagonalC = 1.0, ulong seed = 0)
    {
        Settings = Validate(maxIterations, maxProjections, tolerance, init, initMatrix, diagonal, diagonalC, seed,
            nameof(Mmc));
    }

    /// <summary>Whether the last fit met its tolerance.</summary>
    public bool Converged { get; private set; }

    internal MmcSettings Settings { get; }

    internal override void FitPairs(double[] x, int n, int d, Pairs pairs)
    {
        var (m, it, converged) = MmcSolver.Fit(x, d, pairs, Settings, Name);
        (Iterations, Converged) = (it, converged);
        SetComponents(MetricFactor.ComponentsFromMetric(m, d, Name), d, d);
    }

    internal static MmcSettings Validate(int maxIterations, int maxProjections, double tolerance, MetricPrior init,
        double[,]? initMatrix, bool diagonal, double diagonalC, ulong seed, string learner)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxIterations);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxProjections);
        if (!(tolerance >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), $"{learner}: tolerance = {tolerance} must be ≥ 0.");
        }

        if (!(diagonalC > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(diagonalC), $"{learner}: diagonalC = {diagonalC} must be > 0.");
        }

        return new MmcSettings(maxIterations, maxProjections, tolerance, init, initMatrix, diagonal, diagonalC, seed);
    }
}
