using Tango.Mahalanobis.Numerics;
using Tango.Mahalanobis.Objectives;

namespace Tango.Mahalanobis;

/// <summary>
/// Large Margin Nearest Neighbor (Weinberger and Saul 2009, JMLR 10): pulls each point's k target neighbours (its
/// nearest same-class points in the input space) close and pushes other-class impostors out beyond a unit margin,
/// f(L) = μ Σ d(i, t) + (1 - μ) Σ [1 + d(i, t) - d(i, l)]₊. Solver and defaults follow metric-learn's <c>LMNN</c>:
/// gradient descent from learning rate 1e-7, halved while a step would increase f and grown 1% after each
/// accepted step, stopping after <c>minIterations</c> once |Δf| &lt; tolerance. Impostors are searched in row blocks,
/// so memory is O(n·k + pairs found) rather than O(n²).
/// </summary>
public sealed class Lmnn : SupervisedMahalanobisLearner
{
    /// <summary>Creates the learner.</summary>
    /// <param name="components">Output dimension; null for all features.</param>
    /// <param name="init">Initialisation of L.</param>
    /// <param name="neighbors">Target neighbours per point (k).</param>
    /// <param name="minIterations">Iterations before the convergence test applies.</param>
    /// <param name="maxIterations">Iteration limit (metric-learn counts from 2, so at most maxIterations - 2 steps).</param>
    /// <param name="learningRate">Initial step size.</param>
    /// <param name="regularization">Weight μ of the pull term against the push term.</param>
    /// <param name="tolerance">Convergence threshold on the change of the objective.</param>
    /// <param name="seed">Seed for the random initialisation.</param>
    /// <param name="initialComponents">An explicit initial L, shape (components, features); overrides init.</param>
    public Lmnn(int? components = null, ComponentInit init = ComponentInit.Auto, int neighbors = 3,
        int minIterations = 50, int maxIterations = 1000, double learningRate = 1e-7, double regularization = 0.5,
        double tolerance = 0.001, ulong seed = 0, double[,]? initialComponents = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(neighbors);
        ArgumentOutOfRangeException.ThrowIfNegative(minIterations);
        ArgumentOutOfRangeException.ThrowIfNegative(maxIterations);
        if (!(learningRate > 0) || !(regularization >= 0 && regularization <= 1) || !(tolerance >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate),
                $"Lmnn: learningRate = {learningRate} must be > 0, regularization = {regularization} in [0, 1], " +
                $"tolerance = {tolerance} ≥ 0.");
        }

        (RequestedComponents, Init, Neighbors, MinIterations, MaxIterations) =
            (components, init, neighbors, minIterations, maxIterations);
        (LearningRate, Regularization, Tolerance, Seed, InitialComponents) =
            (learningRate, regularization, tolerance, seed, initialComponents);
    }

    /// <summary>Requested output dimension (null: all features).</summary>
    public int? RequestedComponents { get; }

    /// <summary>Initialisation of L.</summary>
    public ComponentInit Init { get; }

    /// <summary>Target neighbours per point.</summary>
    public int Neighbors { get; }

    /// <summary>Iterations before the convergence test applies.</summary>
    public int MinIterations { get; }

    /// <summary>Iteration limit.</summary>
    public int MaxIterations { get; }

    /// <summary>Initial step size.</summary>
    public double LearningRate { get; }

    /// <summary>Weight μ of the pull term.</summary>
    public double Regularization { get; }

    /// <summary>Convergence threshold on |Δf|.</summary>
    public double Tolerance { get; }

    /// <summary>Seed of the random initialisation.</summary>
    public ulong Seed { get; }

    /// <summary>Explicit initial components, if given.</summary>
    public double[,]? InitialComponents { get; }

    /// <summary>The objective at the fitted L.</summary>
    public double Objective { get; private set; }

    /// <summary>Tests only: target neighbours (n, k) replacing the computed ones.</summary>
    internal int[]? TargetsOverride { get; set; }

    internal override void FitLabels(double[] x, int n, int d, int[] labels)
    {
        int c = InitialComponents?.GetLength(0) ?? Input.ComponentCount(RequestedComponents, d, Name);
        var l = ComponentInitializer.Create(Init, InitialComponents, x, n, d, c, labels, Seed, Name);
        var classIndex = Input.Encode(labels).Index;
        int smallest = classIndex.GroupBy(v => v).Min(g => g.Count());
        if (Neighbors > smallest - 1)
        {
            throw new ArgumentException(
                $"Lmnn: neighbors = {Neighbors} but the smallest class has {smallest} points, so at most " +
                $"{smallest - 1} same-class neighbours exist; lower neighbors or drop tiny classes.");
        }

        var objective = new LmnnObjective(x, n, d, classIndex,
            TargetsOverride ?? TargetNeighbors(x, n, d, classIndex, Neighbors),
            Neighbors, Regularization);
        var g = new double[c * d];
        var (f, _) = objective.Evaluate(l, c, g);
        double rate = LearningRate;
        var next = new double[c * d];
        var gNext = new double[c * d];
        int it = 1;
        for (it = 2; it < MaxIterations; it++)
        {
            double fNext, delta;
            while (true)
            {
                for (int i = 0; i < l.Length; i++)
                {
                    next[i] = l[i] - rate * g[i];
                }

                (fNext, _) = objective.Evaluate(next, c, gNext);
                delta = fNext - f;
                if (delta > 0)
                {
                    rate /= 2;
                }
                else
                {
                    break;
                }
            }

            (l, next) = (next, l);
            (g, gNext) = (gNext, g);
            f = fNext;
            rate *= 1.01;
            if (it > MinIterations && Math.Abs(delta) < Tolerance)
            {
                break;
            }
        }

        Iterations = Math.Min(it, Math.Max(MaxIterations - 1, 1));
        Objective = f;
        SetComponents(l, c, d);
    }

    // The k nearest same-class points of each point (squared Euclidean, ties by lower index): -> (n, k)
    internal static int[] TargetNeighbors(double[] x, int n, int d, int[] classIndex, int k)
    {
        var targets = new int[n * k];
        foreach (var group in Enumerable.Range(0, n).GroupBy(i => classIndex[i]))
        {
            var members = group.ToArray();
            var dist = new (double, int)[members.Length - 1];
            foreach (int i in members)
            {
                int m = 0;
                foreach (int j in members)
                {
                    if (j != i)
                    {
                        double s = 0;
                        for (int t = 0; t < d; t++)
                        {
                            double diff = x[i * d + t] - x[j * d + t];
                            s += diff * diff;
                        }

                        dist[m++] = (s, j);
                    }
                }

                Array.Sort(dist);
                for (int t = 0; t < k; t++)
                {
                    targets[i * k + t] = dist[t].Item2;
                }
            }
        }

        return targets;
    }
}
