using Tango.Mahalanobis.Numerics;
using Tango.Mahalanobis.Objectives;
using Tango.Mahalanobis.Optimization;

namespace Tango.Mahalanobis;

/// <summary>
/// Metric Learning for Kernel Regression (Weinberger and Tesauro 2007, AISTATS): minimises the leave-one-out
/// squared error of Gaussian-kernel regression in the learned space, Σ_i (ŷ_i - y_i)² with
/// ŷ_i = Σ_{j≠i} softmax_j(-‖Lx_i - Lx_j‖²) y_j, by L-BFGS. Parameters and defaults follow metric-learn's
/// <c>MLKR</c> (init "auto" without classes: PCA below full dimension, else identity; 1000 iterations). Fit on
/// real targets, or on class labels used as numbers (as metric-learn does).
/// </summary>
public sealed class Mlkr : SupervisedMahalanobisLearner
{
    /// <summary>Creates the learner.</summary>
    /// <param name="components">Output dimension; null for all features.</param>
    /// <param name="init">Initialisation of L (LDA is not available: there are no classes).</param>
    /// <param name="tolerance">Stopping tolerance (scipy's <c>tol</c>); null for L-BFGS-B's defaults.</param>
    /// <param name="maxIterations">L-BFGS iterations.</param>
    /// <param name="seed">Seed for the random initialisation.</param>
    /// <param name="initialComponents">An explicit initial L, shape (components, features); overrides init.</param>
    public Mlkr(int? components = null, ComponentInit init = ComponentInit.Auto, double? tolerance = null,
        int maxIterations = 1000, ulong seed = 0, double[,]? initialComponents = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxIterations);
        if (tolerance is not null && !(tolerance > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), $"Mlkr: tolerance = {tolerance} must be > 0.");
        }

        if (init == ComponentInit.Lda)
        {
            throw new ArgumentException("Mlkr: LDA initialisation needs classes; MLKR regresses real targets.",
                nameof(init));
        }

        (RequestedComponents, Init, Tolerance, MaxIterations, Seed) = (components, init, tolerance, maxIterations,
            seed);
        InitialComponents = initialComponents;
    }

    /// <summary>Requested output dimension (null: all features).</summary>
    public int? RequestedComponents { get; }

    /// <summary>Initialisation of L.</summary>
    public ComponentInit Init { get; }

    /// <summary>Stopping tolerance (null: L-BFGS-B defaults).</summary>
    public double? Tolerance { get; }

    /// <summary>Maximum L-BFGS iterations.</summary>
    public int MaxIterations { get; }

    /// <summary>Seed of the random initialisation.</summary>
    public ulong Seed { get; }

    /// <summary>Explicit initial components, if given.</summary>
    public double[,]? InitialComponents { get; }

    /// <summary>The objective at the fitted L: the leave-one-out squared error.</summary>
    public double Objective { get; private set; }

    /// <summary>Fits on real-valued regression targets, one per row.</summary>
    public void Fit(double[,] x, double[] targets)
    {
        var flat = Input.Features(x, Name, 2);
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Length != x.GetLength(0) || targets.Any(t => !double.IsFinite(t)))
        {
            throw new ArgumentException(
                $"Mlkr: give one finite target per row ({x.GetLength(0)} rows, {targets.Length} targets).",
                nameof(targets));
        }

        FitTargets(flat, x.GetLength(0), x.GetLength(1), (double[])targets.Clone());
    }

    internal override void FitLabels(double[] x, int n, int d, int[] labels) =>
        FitTargets(x, n, d, labels.Select(v => (double)v).ToArray());

    private void FitTargets(double[] x, int n, int d, double[] y)
    {
        int c = InitialComponents?.GetLength(0) ?? Input.ComponentCount(RequestedComponents, d, Name);
        var l0 = ComponentInitializer.Create(Init, InitialComponents, x, n, d, c, null, Seed, Name);
        var objective = new MlkrObjective(y);
        var result = Lbfgs.Minimize((l, g) => objective.Evaluate(x, n, d, l, c, g), l0, MaxIterations,
            Tolerance ?? 2.220446049250313e-09, Tolerance ?? 1e-5);
        Iterations = result.Iterations;
        Objective = result.Value;
        SetComponents(result.X, c, d);
    }

    /// <summary>The MLKR objective at the given L (for diagnostics and tests).</summary>
    public static double ObjectiveAt(double[,] x, double[] targets, double[,] components)
    {
        var flat = Input.Features(x, nameof(Mlkr), 2);
        var l = Input.Features(components, nameof(Mlkr), 1, nameof(components));
        if (components.GetLength(1) != x.GetLength(1) || targets.Length != x.GetLength(0))
        {
            throw new ArgumentException("Mlkr: components, x and targets have inconsistent shapes.");
        }

        return new MlkrObjective(targets).Evaluate(flat, x.GetLength(0), x.GetLength(1), l,
            components.GetLength(0), new double[l.Length]);
    }
}
