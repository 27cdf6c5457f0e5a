using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis;

/// <summary>
/// <see cref="Lsml"/> on quadruplets drawn from class labels (metric-learn's <c>LSML_Supervised</c>): a random
/// similar pair then a random dissimilar pair, 20·C² of them by default.
/// </summary>
public sealed class LsmlSupervised : SupervisedMahalanobisLearner
{
    /// <summary>Creates the learner; see <see cref="Lsml"/> for the shared parameters.</summary>
    /// <param name="tolerance">Gradient-norm stopping threshold.</param>
    /// <param name="maxIterations">Gradient steps.</param>
    /// <param name="prior">Prior matrix M₀.</param>
    /// <param name="priorMatrix">An explicit prior; overrides <paramref name="prior"/>.</param>
    /// <param name="constraintCount">Quadruplets to draw; null for 20·C².</param>
    /// <param name="weights">Per-quadruplet weights (as many as are drawn); null for equal weights.</param>
    /// <param name="seed">Seed of the draw (and of the random prior).</param>
    public LsmlSupervised(double tolerance = 1e-3, int maxIterations = 1000, MetricPrior prior = MetricPrior.Identity,
        double[,]? priorMatrix = null, int? constraintCount = null, double[]? weights = null, ulong seed = 0)
    {
        Settings = Lsml.Validate(tolerance, maxIterations, prior, priorMatrix, seed, nameof(LsmlSupervised));
        ConstraintCount = constraintCount is < 1
            ? throw new ArgumentOutOfRangeException(nameof(constraintCount), "constraintCount must be ≥ 1.")
            : constraintCount;
        Weights = (double[]?)weights?.Clone();
    }

    /// <summary>Quadruplets drawn (null: 20·C²).</summary>
    public int? ConstraintCount { get; }

    /// <summary>Per-quadruplet weights, if given.</summary>
    public IReadOnlyList<double>? Weights { get; }

    /// <summary>The quadruplets the last fit drew.</summary>
    public Quadruplets? LastQuadruplets { get; private set; }

    internal LsmlSettings Settings { get; }

    internal override void FitLabels(double[] x, int n, int d, int[] labels)
    {
        int classes = Input.Encode(labels).Classes.Length;
        LastQuadruplets = Constraints.Quadruplets(labels, ConstraintCount ?? 20 * classes * classes, Settings.Seed);
        var (m, it) = LsmlSolver.Fit(x, d, LastQuadruplets, Weights?.ToArray(), Settings, Name);
        Iterations = it;
        SetComponents(MetricFactor.ComponentsFromMetric(m, d, Name), d, d);
    }
}
