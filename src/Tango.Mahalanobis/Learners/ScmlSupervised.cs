using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis;

/// <summary>
/// <see cref="Scml"/> from class labels (metric-learn's <c>SCML_Supervised</c>): triplets from each point's
/// <c>kGenuine</c> nearest same-class and <c>kImpostor</c> nearest other-class points
/// (<see cref="Constraints.KnnTriplets"/>), and by default the local-LDA basis.
/// </summary>
public sealed class ScmlSupervised : SupervisedMahalanobisLearner
{
    /// <summary>Creates the learner; see <see cref="Scml"/> for the shared parameters.</summary>
    /// <param name="kGenuine">Same-class neighbours per point.</param>
    /// <param name="kImpostor">Other-class neighbours per point.</param>
    /// <param name="beta">ℓ₁ weight β.</param>
    /// <param name="basis">Basis dictionary kind.</param>
    /// <param name="basisCount">Number of bases; null for the kind's default.</param>
    /// <param name="basisMatrix">Explicit bases; overrides <paramref name="basis"/>.</param>
    /// <param name="gamma">Step-size parameter γ.</param>
    /// <param name="maxIterations">Minibatch iterations.</param>
    /// <param name="outputIterations">Every this many iterations the full objective is evaluated.</param>
    /// <param name="batchSize">Triplets per minibatch.</param>
    /// <param name="seed">Seed of k-means, the basis draw and the minibatches.</param>
    public ScmlSupervised(int kGenuine = 3, int kImpostor = 10, double beta = 1e-5, ScmlBasis basis = ScmlBasis.Lda,
        int? basisCount = null, double[,]? basisMatrix = null, double gamma = 5e-3, int maxIterations = 10000,
        int outputIterations = 500, int batchSize = 10, ulong seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kGenuine);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kImpostor);
        (KGenuine, KImpostor) = (kGenuine, kImpostor);
        Settings = Scml.Validate(beta, basis, basisMatrix, basisCount, gamma, maxIterations, outputIterations,
            batchSize, seed, nameof(ScmlSupervised));
    }

    /// <summary>Same-class neighbours per point.</summary>
    public int KGenuine { get; }

    /// <summary>Other-class neighbours per point.</summary>
    public int KImpostor { get; }

    /// <summary>The objective β‖w‖₁ + mean hinge of the returned iterate.</summary>
    public double Objective { get; private set; }

    /// <summary>The triplets the last fit used.</summary>
    public Triplets? LastTriplets { get; private set; }

    internal ScmlSettings Settings { get; }

    internal override void FitLabels(double[] x, int n, int d, int[] labels)
    {
        var triplets = KnnTripletBuilder.Build(x, n, d, labels, KGenuine, KImpostor);
        var (basis, nb) = Settings.BasisMatrix is { } given ? (Scml.CheckBasis(given, d, Name), given.GetLength(0))
            : Settings.Basis == ScmlBasis.Lda ? ScmlBases.Lda(x, n, d, labels, Settings.BasisCount, Settings.Seed, Name)
            : ScmlBases.TripletDiffs(x, d, triplets, Settings.BasisCount, Settings.Seed, Name);
        var (l, c, it, objective) = ScmlSolver.Fit(x, n, d, triplets, basis, nb, Settings, Name);
        (Iterations, Objective, LastTriplets) = (it, objective, triplets);
        SetComponents(l, c, d);
    }
}
