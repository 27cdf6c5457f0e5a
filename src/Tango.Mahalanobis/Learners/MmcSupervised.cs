using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis;

/// <summary>
/// <see cref="Mmc"/> on pairs drawn from class labels (metric-learn's <c>MMC_Supervised</c>, whose default
/// tolerance is 1e-6): 20·C² similar and as many dissimilar pairs by default.
/// </summary>
public sealed class MmcSupervised : SupervisedMahalanobisLearner
{
    /// <summary>Creates the learner; see <see cref="Mmc"/> for the shared parameters.</summary>
    /// <param name="maxIterations">Gradient cycles (full) or Newton steps (diagonal).</param>
    /// <param name="maxProjections">Alternating projections per cycle.</param>
    /// <param name="tolerance">Convergence threshold.</param>
    /// <param name="constraintCount">Pairs of each kind to draw; null for 20·C².</param>
    /// <param name="init">Initial matrix.</param>
    /// <param name="initMatrix">An explicit initial matrix; overrides <paramref name="init"/>.</param>
    /// <param name="diagonal">Learn a diagonal M.</param>
    /// <param name="diagonalC">Weight of the dissimilarity term (diagonal).</param>
    /// <param name="seed">Seed of the pair draw (and of the random initial matrix).</param>
    public MmcSupervised(int maxIterations = 100, int maxProjections = 10000, double tolerance = 1e-6,
        int? constraintCount = null, MetricPrior init = MetricPrior.Identity, double[,]? initMatrix = null,
        bool diagonal = false, double diagonalC = 1.0, ulong seed = 0)
    {
        Settings = Mmc.Validate(maxIterations, maxProjections, tolerance, init, initMatrix, diagonal, diagonalC, seed,
            nameof(MmcSupervised));
        ConstraintCount = constraintCount is < 1
            ? throw new ArgumentOutOfRangeException(nameof(constraintCount), "constraintCount must be ≥ 1.")
            : constraintCount;
    }

    /// <summary>Pairs of each kind drawn (null: 20·C²).</summary>
    public int? ConstraintCount { get; }

    /// <summary>The pairs the last fit drew.</summary>
    public Pairs? LastPairs { get; private set; }

    /// <summary>Whether the last fit met its tolerance.</summary>
    public bool Converged { get; private set; }

    internal MmcSettings Settings { get; }

    internal override void FitLabels(double[] x, int n, int d, int[] labels)
    {
        int classes = Input.Encode(labels).Classes.Length;
        LastPairs = Constraints.PositiveNegativePairs(labels, ConstraintCount ?? 20 * classes * classes, Settings.Seed);
        var (m, it, converged) = MmcSolver.Fit(x, d, LastPairs, Settings, Name);
        (Iterations, Converged) = (it, converged);
        SetComponents(MetricFactor.ComponentsFromMetric(m, d, Name), d, d);
    }
}
