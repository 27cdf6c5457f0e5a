using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis;

/// <summary>
/// <see cref="Sdml"/> on pairs drawn from class labels (metric-learn's <c>SDML_Supervised</c>): 20·C² similar and
/// as many dissimilar pairs by default.
/// </summary>
public sealed class SdmlSupervised : SupervisedMahalanobisLearner
{
    /// <summary>Creates the learner; see <see cref="Sdml"/> for the shared parameters.</summary>
    /// <param name="balance">Weight η of the pair term.</param>
    /// <param name="sparsity">ℓ₁ weight λ.</param>
    /// <param name="prior">Prior matrix M₀.</param>
    /// <param name="priorMatrix">An explicit prior; overrides <paramref name="prior"/>.</param>
    /// <param name="constraintCount">Pairs of each kind to draw; null for 20·C².</param>
    /// <param name="seed">Seed of the pair draw (and of the random prior).</param>
    public SdmlSupervised(double balance = 0.5, double sparsity = 0.01, MetricPrior prior = MetricPrior.Identity,
        double[,]? priorMatrix = null, int? constraintCount = null, ulong seed = 0)
    {
        Settings = Sdml.Validate(balance, sparsity, prior, priorMatrix, seed, nameof(SdmlSupervised));
        ConstraintCount = constraintCount is < 1
            ? throw new ArgumentOutOfRangeException(nameof(constraintCount), "constraintCount must be ≥ 1.")
            : constraintCount;
    }

    /// <summary>Pairs of each kind drawn (null: 20·C²).</summary>
    public int? ConstraintCount { get; }

    /// <summary>The pairs the last fit drew.</summary>
    public Pairs? LastPairs { get; private set; }

    /// <summary>Whether the last fit had to project an indefinite pair covariance onto the PSD cone.</summary>
    public bool ProjectedCovariance { get; private set; }

    internal SdmlSettings Settings { get; }

    internal override void FitLabels(double[] x, int n, int d, int[] labels)
    {
        int classes = Input.Encode(labels).Classes.Length;
        LastPairs = Constraints.PositiveNegativePairs(labels, ConstraintCount ?? 20 * classes * classes, Settings.Seed);
        var (m, projected) = SdmlSolver.Fit(x, d, LastPairs, Settings, Name);
        ProjectedCovariance = projected;
        SetComponents(MetricFactor.ComponentsFromMetric(m, d, Name), d, d);
    }
}
