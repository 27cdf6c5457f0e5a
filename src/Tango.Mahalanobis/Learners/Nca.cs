using System.Numerics.Tensors;
using Tango.Mahalanobis.Numerics;
using Tango.Mahalanobis.Objectives;
using Tango.Mahalanobis.Optimization;

namespace Tango.Mahalanobis;

/// <summary>
/// Neighbourhood Components Analysis (Goldberger et al. 2004, NIPS): maximises the expected leave-one-out accuracy
/// of a stochastic nearest-neighbour classifier, Σ_i Σ_{j: y_j = y_i} softmax_j(-‖Lx_i - Lx_j‖²), by L-BFGS.
/// Parameters and defaults follow metric-learn's <c>NCA</c> (init "auto", 100 iterations, scipy's L-BFGS-B
/// tolerances unless <c>tolerance</c> is given). The objective and its gradient are computed in row blocks, so
/// memory grows as O(n) rather than O(n²).
/// </summary>
public sealed class Nca : SupervisedMahalanobisLearner
{
    /// <summary>Creates the learner.</summary>
    /// <param name="components">Output dimension; null for all features.</param>
    /// <param name="init">Initialisation of L.</param>
    /// <param name="maxIterations">L-BFGS iterations.</param>
    /// <param name="tolerance">Stopping tolerance for both the relative reduction and the gradient (scipy's
    /// <c>tol</c>); null for L-BFGS-B's defaults (2.2e-9 and 1e-5).</param>
    /// <param name="seed">Seed for the random initialisation.</param>
    /// <param name="initialComponents">An explicit initial L, shape (components, features); overrides init.</param>
    public Nca(int? components = null, ComponentInit init = ComponentInit.Auto, int maxIterations = 100,
        double? tolerance = null, ulong seed = 0, double[,]? initialComponents = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxIterations);
        if (tolerance is not null && !(tolerance > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), $"Nca: tolerance = {tolerance} must be > 0.");
        }

        (RequestedComponents, Init, MaxIterations, Tolerance, Seed) = (components, init, maxIterations, tolerance,
            seed);
        InitialComponents = initialComponents;
    }

    /// <summary>Requested output dimension (null: all features).</summary>
    public int? RequestedComponents { get; }

    /// <summary>Initialisation of L.</summary>
    public ComponentInit Init { get; }

    /// <summary>Maximum L-BFGS iterations.</summary>
    public int MaxIterations { get; }

    /// <summary>Stopping tolerance (null: L-BFGS-B defaults).</summary>
    public double? Tolerance { get; }

    /// <summary>Seed of the random initialisation.</summary>
    public ulong Seed { get; }

    /// <summary>Explicit initial components, if given.</summary>
    public double[,]? InitialComponents { get; }

    /// <summary>The objective at the fitted L: the expected number of correctly classified training points.</summary>
    public double Objective { get; private set; }

    internal override void FitLabels(double[] x, int n, int d, int[] labels)
    {
        int c = InitialComponents?.GetLength(0) ?? Input.ComponentCount(RequestedComponents, d, Name);
        var l0 = ComponentInitializer.Create(Init, InitialComponents, x, n, d, c, labels, Seed, Name);
        var objective = new NcaObjective(Input.Encode(labels).Index);
        double Negated(ReadOnlySpan<double> l, Span<double> g)
        {
            double f = objective.Evaluate(x, n, d, l, c, g);
            TensorPrimitives.Negate(g, g);
            return -f;
        }

        var result = Lbfgs.Minimize(Negated, l0, MaxIterations, Tolerance ?? 2.220446049250313e-09, Tolerance ?? 1e-5);
        Iterations = result.Iterations;
        Objective = -result.Value;
        SetComponents(result.X, c, d);
    }

    /// <summary>The NCA objective Σ_i p_i at the given L (for diagnostics and tests).</summary>
    public static double ObjectiveAt(double[,] x, int[] labels, double[,] components)
    {
        var flat = Input.Features(x, nameof(Nca), 2);
        Input.Labels(labels, x.GetLength(0), nameof(Nca));
        var l = Input.Features(components, nameof(Nca), 1, nameof(components));
        if (components.GetLength(1) != x.GetLength(1))
        {
            throw new ArgumentException(
                $"Nca: components have {components.GetLength(1)} columns but x has {x.GetLength(1)} features.");
        }

        var grad = new double[l.Length];
        return new NcaObjective(Input.Encode(labels).Index).Evaluate(flat, x.GetLength(0), x.GetLength(1), l,
            components.GetLength(0), grad);
    }
}
