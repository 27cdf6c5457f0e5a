using System.Numerics.Tensors;
using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis.Objectives;

/// <summary>
/// The LMNN objective (Weinberger and Saul 2009, JMLR 10, eq. 14) as metric-learn evaluates it:
/// f(L) = μ Σ_i Σ_{t ∈ T(i)} d(i, t) + (1 - μ) Σ_{(i, t, l) active} [1 + d(i, t) - d(i, l)], d = ‖L(x - x')‖²,
/// where T(i) are the k target neighbours (nearest same-class points at the start) and a triplet is active when
/// the impostor l (another class, found within the margin of i's farthest target or l's) violates the margin.
/// Inside a region of fixed active sets f is quadratic: f = (1-μ)·#active + tr(L C Lᵀ) with
/// C = μ Σ_targets v vᵀ + (1-μ)(Σ_active (x_i - x_t)(x_i - x_t)ᵀ - (x_i - x_l)(x_i - x_l)ᵀ), and ∇f = 2 L C.
/// Every Σ w (x_a - x_b)(x_a - x_b)ᵀ is formed as Xᵀ(ΔX) with ΔX accumulated edge by edge, never as a list of
/// outer products.
/// </summary>
internal sealed class LmnnObjective
{
    private readonly double[] _x;
    private readonly int _n, _d, _k;
    private readonly int[] _classIndex;
    private readonly int[] _targets; // (n, k)
    private readonly double[] _targetScatter; // Σ_i Σ_t (x_i - x_t)(x_i - x_t)ᵀ, (d, d)
    private readonly double _regularization;
    private readonly ImpostorSearch _impostors;

    public LmnnObjective(double[] x, int n, int d, int[] classIndex, int[] targets, int k, double regularization)
    {
        (_x, _n, _d, _k, _classIndex, _targets, _regularization) = (x, n, d, k, classIndex, targets, regularization);
        _impostors = new ImpostorSearch(classIndex);
        var delta = new double[n * d];
        for (int i = 0; i < n; i++)
        {
            for (int t = 0; t < k; t++)
            {
                AddEdge(delta, i, targets[i * k + t], 1.0);
            }
        }

        _targetScatter = Dense.TransposeMatMul(x, n, d, delta, d);
    }

    /// <summary>f(L), ∇f = 2 L C (written to grad) and the number of active triplets, for l: (c, d).</summary>
    public (double Objective, long Active) Evaluate(ReadOnlySpan<double> l, int c, Span<double> grad)
    {
        int n = _n, d = _d, k = _k;
        var z = Dense.Project(_x, n, d, l, c);
        var ni = new double[n * k]; // 1 + ‖z_t - z_i‖²
        var radius = new double[n];
        for (int i = 0; i < n; i++)
        {
            double max = double.NegativeInfinity;
            for (int t = 0; t < k; t++)
            {
                ni[i * k + t] = 1 + SquaredDistance(z, c, _targets[i * k + t], i);
                max = Math.Max(max, ni[i * k + t]);
            }

            radius[i] = max;
        }

        var (ia, ib) = _impostors.Find(z, c, radius);
        var delta = new double[n * d];
        long active = 0;
        for (int p = 0; p < ia.Length; p++)
        {
            int a = ia[p], b = ib[p];
            double g0 = SquaredDistance(z, c, a, b);
            for (int t = 0; t < k; t++)
            {
                // b intrudes on a's margin for a's t-th target, and a on b's.
                if (g0 < ni[a * k + t])
                {
                    active++;
                    AddEdge(delta, a, _targets[a * k + t], 1.0);
                    AddEdge(delta, a, b, -1.0);
                }

                if (g0 < ni[b * k + t])
                {
                    active++;
                    AddEdge(delta, b, _targets[b * k + t], 1.0);
                    AddEdge(delta, a, b, -1.0);
                }
            }
        }

        var cm = Dense.TransposeMatMul(_x, n, d, delta, d);
        for (int i = 0; i < cm.Length; i++)
        {
            cm[i] = _targetScatter[i] * _regularization + cm[i] * (1 - _regularization);
        }

        Dense.Symmetrize(cm, d);
        var g = Dense.MatMul(l, c, d, cm, d);
        double objective = active * (1 - _regularization) + Reduce.Dot(g, l);
        TensorPrimitives.Multiply(g, 2.0, grad);
        return (objective, active);
    }

    // ΔX += w·(e_a - e_b)(x_a - x_b)ᵀ, so that Xᵀ ΔX gains w·(x_a - x_b)(x_a - x_b)ᵀ.
    private void AddEdge(double[] delta, int a, int b, double w)
    {
        var xa = _x.AsSpan(a * _d, _d);
        var xb = _x.AsSpan(b * _d, _d);
        var da = delta.AsSpan(a * _d, _d);
        var db = delta.AsSpan(b * _d, _d);
        for (int t = 0; t < _d; t++)
        {
            double v = w * (xa[t] - xb[t]);
            da[t] += v;
            db[t] -= v;
        }
    }

    private static double SquaredDistance(double[] z, int c, int a, int b)
    {
        double s = 0;
        for (int t = 0; t < c; t++)
        {
            double diff = z[a * c + t] - z[b * c + t];
            s += diff * diff;
        }

        return s;
    }
}
