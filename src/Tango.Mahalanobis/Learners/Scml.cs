using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis;

/// <summary>
/// Sparse Compositional Metric Learning (Shi, Bellet and Sha 2014) on triplets (anchor, positive, negative): a
/// sparse non-negative combination of rank-one bases. Parameters and defaults follow metric-learn's <c>SCML</c>
/// (basis from triplet differences, 80·d bases, β = 1e-5, γ = 5e-3, 10,000 iterations). Also classifies triplets:
/// +1 when the anchor is closer to the positive.
/// </summary>
public sealed class Scml : MahalanobisLearner
{
    /// <summary>Creates the learner.</summary>
    /// <param name="beta">ℓ₁ weight β on the basis weights.</param>
    /// <param name="basisCount">Number of bases; null for 80·d.</param>
    /// <param name="basisMatrix">Explicit bases (rows, unit norm recommended), shape (bases, features).</param>
    /// <param name="gamma">Step-size parameter γ of the dual averaging.</param>
    /// <param name="maxIterations">Minibatch iterations.</param>
    /// <param name="outputIterations">Every this many iterations the full objective is evaluated.</param>
    /// <param name="batchSize">Triplets per minibatch.</param>
    /// <param name="seed">Seed of the basis draw and the minibatches.</param>
    public Scml(double beta = 1e-5, int? basisCount = null, double[,]? basisMatrix = null, double gamma = 5e-3,
        int maxIterations = 10000, int outputIterations = 500, int batchSize = 10, ulong seed = 0)
    {
        Settings = Validate(beta, ScmlBasis.TripletDiffs, basisMatrix, basisCount, gamma, maxIterations,
            outputIterations, batchSize, seed, nameof(Scml));
    }

    /// <summary>The objective β‖w‖₁ + mean hinge of the returned iterate.</summary>
    public double Objective { get; private set; }

    internal ScmlSettings Settings { get; }

    /// <summary>Fits on triplets of rows of x.</summary>
    public void Fit(double[,] x, Triplets triplets)
    {
        ArgumentNullException.ThrowIfNull(triplets);
        var flat = Input.Features(x, Name, 2);
        int n = x.GetLength(0), d = x.GetLength(1);
        triplets.Validate(n, Name);
        var (basis, nb) = Settings.BasisMatrix is { } given
            ? (CheckBasis(given, d, Name), given.GetLength(0))
            : ScmlBases.TripletDiffs(flat, d, triplets, Settings.BasisCount, Settings.Seed, Name);
        var (l, c, it, objective) = ScmlSolver.Fit(flat, n, d, triplets, basis, nb, Settings, Name);
        (Iterations, Objective) = (it, objective);
        SetComponents(l, c, d);
    }

    /// <summary>d(a, n) - d(a, p) per triplet: positive when the anchor is closer to the positive.</summary>
    public double[] DecisionFunction(double[,] x, Triplets triplets)
    {
        ArgumentNullException.ThrowIfNull(triplets);
        var near = PairDistance(x, new Pairs(triplets.Anchor, triplets.Positive));
        var far = PairDistance(x, new Pairs(triplets.Anchor, triplets.Negative));
        return far.Select((f, i) => f - near[i]).ToArray();
    }

    /// <summary>+1 where the anchor is strictly closer to the positive, else -1.</summary>
    public int[] Predict(double[,] x, Triplets triplets) =>
        DecisionFunction(x, triplets).Select(v => v > 0 ? 1 : -1).ToArray();

    /// <summary>Fraction of triplets predicted +1.</summary>
    public double Score(double[,] x, Triplets triplets) => Predict(x, triplets).Average() / 2 + 0.5;

    internal static double[] CheckBasis(double[,] basis, int d, string learner)
    {
        if (basis.GetLength(1) != d || basis.GetLength(0) < 1)
        {
            throw new ArgumentException(
                $"{learner}: the basis matrix has shape ({basis.GetLength(0)}, {basis.GetLength(1)}); expected " +
                $"(bases, {d}).");
        }

        return Input.Features(basis, learner, 1, "basisMatrix");
    }

    internal static ScmlSettings Validate(double beta, ScmlBasis basis, double[,]? basisMatrix, int? basisCount,
        double gamma, int maxIterations, int outputIterations, int batchSize, ulong seed, string learner)
    {
        if (!(beta >= 0) || !(gamma > 0) || basisCount is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(beta),
                $"{learner}: beta = {beta} must be ≥ 0, gamma = {gamma} > 0, basisCount = {basisCount} ≥ 1.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxIterations);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (outputIterations < 1 || outputIterations > maxIterations)
        {
            throw new ArgumentOutOfRangeException(nameof(outputIterations),
                $"{learner}: outputIterations = {outputIterations} must be in [1, maxIterations = {maxIterations}].");
        }

        return new ScmlSettings(beta, basis, basisMatrix, basisCount, gamma, maxIterations, outputIterations,
            batchSize, seed);
    }
}
