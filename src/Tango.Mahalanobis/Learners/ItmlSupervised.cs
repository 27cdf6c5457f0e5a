using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis;

/// <summary>
/// <see cref="Itml"/> on pairs drawn from class labels (metric-learn's <c>ITML_Supervised</c>): 20·C² similar and
/// as many dissimilar pairs by default, C the number of classes.
/// </summary>
public sealed class ItmlSupervised : SupervisedMahalanobisLearner
{
    /// <summary>Creates the learner; see <see cref="Itml"/> for the shared parameters.</summary>
    /// <param name="gamma">Slack trade-off γ.</param>
    /// <param name="maxIterations">Sweeps over the constraints.</param>
    /// <param name="tolerance">Convergence threshold.</param>
    /// <param name="constraintCount">Pairs of each kind to draw; null for 20·C².</param>
    /// <param name="prior">Prior matrix M₀.</param>
    /// <param name="priorMatrix">An explicit prior; overrides <paramref name="prior"/>.</param>
    /// <param name="bounds">Distance bounds (l, u); null for the data percentiles.</param>
    /// <param name="seed">Seed of the pair draw (and of the random prior).</param>
    public ItmlSupervised(double gamma = 1.0, int maxIterations = 1000, double tolerance = 1e-3,
        int? constraintCount = null, MetricPrior prior = MetricPrior.Identity, double[,]? priorMatrix = null,
        (double Lower, double Upper)? bounds = null, ulong seed = 0)
    {
        Settings = Itml.Validate(gamma, maxIterations, tolerance, prior, priorMatrix, bounds, seed, nameof(ItmlSupervised));
        ConstraintCount = constraintCount is < 1
            ? throw new ArgumentOutOfRangeException(nameof(constraintCount), "constraintCount must be ≥ 1.")
            : constraintCount;
    }

    /// <summary>Pairs of each kind drawn (null: 20·C²).</summary>
    public int? ConstraintCount { get; }

    /// <summary>The pairs the last fit drew.</summary>
    public Pairs? LastPairs { get; private set; }

    internal ItmlSettings Settings { get; }

    internal override void FitLabels(double[] x, int n, int d, int[] labels)
    {
        int classes = Input.Encode(labels).Classes.Length;
        LastPairs = Constraints.PositiveNegativePairs(labels, ConstraintCount ?? 20 * classes * classes, Settings.Seed);
        var (m, it, _, _) = ItmlSolver.Fit(x, d, LastPairs, Settings, Name);
        Iterations = it;
        SetComponents(MetricFactor.ComponentsFromMetric(m, d, Name), d, d);
    }
}
