using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis;

/// <summary>
/// Least Squares Metric Learning (Liu et al. 2012) on quadruplets (a, b, c, d) meaning d(a, b) &lt; d(c, d), with
/// optional per-quadruplet weights. Parameters and defaults follow metric-learn's <c>LSML</c>. Also classifies
/// quadruplets: +1 when the first pair is the closer one.
/// </summary>
public sealed class Lsml : MahalanobisLearner
{
    /// <summary>Creates the learner.</summary>
    /// <param name="tolerance">Stop when the gradient's Frobenius norm falls below this.</param>
    /// <param name="maxIterations">Gradient steps.</param>
    /// <param name="prior">Prior matrix M₀ (must be positive definite).</param>
    /// <param name="priorMatrix">An explicit prior; overrides <paramref name="prior"/>.</param>
    /// <param name="seed">Seed for the random prior.</param>
    public Lsml(double tolerance = 1e-3, int maxIterations = 1000, MetricPrior prior = MetricPrior.Identity,
        double[,]? priorMatrix = null, ulong seed = 0)
    {
        Settings = Validate(tolerance, maxIterations, prior, priorMatrix, seed, nameof(Lsml));
    }

    internal LsmlSettings Settings { get; }

    /// <summary>Fits on quadruplets of rows of x, optionally weighted (the weights are normalised to sum 1).</summary>
    public void Fit(double[,] x, Quadruplets quadruplets, double[]? weights = null)
    {
        ArgumentNullException.ThrowIfNull(quadruplets);
        var flat = Input.Features(x, Name, 2);
        quadruplets.Validate(x.GetLength(0), Name);
        int d = x.GetLength(1);
        var (m, it) = LsmlSolver.Fit(flat, d, quadruplets, weights, Settings, Name);
        Iterations = it;
        SetComponents(MetricFactor.ComponentsFromMetric(m, d, Name), d, d);
    }

    /// <summary>d(c, d) - d(a, b) per quadruplet: positive when the first pair is closer.</summary>
    public double[] DecisionFunction(double[,] x, Quadruplets quadruplets)
    {
        ArgumentNullException.ThrowIfNull(quadruplets);
        var near = PairDistance(x, new Pairs(quadruplets.A, quadruplets.B));
        var far = PairDistance(x, new Pairs(quadruplets.C, quadruplets.D));
        return far.Select((f, i) => f - near[i]).ToArray();
    }

    /// <summary>The sign of <see cref="DecisionFunction"/> (+1, -1, or 0 for a tie).</summary>
    public int[] Predict(double[,] x, Quadruplets quadruplets) =>
        DecisionFunction(x, quadruplets).Select(v => Math.Sign(v)).ToArray();

    /// <summary>Accuracy of <see cref="Predict"/> (ties count half), in [0, 1].</summary>
    public double Score(double[,] x, Quadruplets quadruplets) => Predict(x, quadruplets).Average() / 2 + 0.5;

    internal static LsmlSettings Validate(double tolerance, int maxIterations, MetricPrior prior, double[,]? priorMatrix,
        ulong seed, string learner)
    {
        if (!(tolerance >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), $"{learner}: tolerance = {tolerance} must be ≥ 0.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxIterations);
        return new LsmlSettings(tolerance, maxIterations, prior, priorMatrix, seed);
    }
}
