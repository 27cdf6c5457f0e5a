namespace Tango.Mahalanobis.Optimization;

/// <summary>Value and gradient of an objective: writes ∇f(x) into <c>grad</c> and returns f(x).</summary>
internal delegate double ObjectiveFunction(ReadOnlySpan<double> x, Span<double> grad);

/// <summary>Why <see cref="Lbfgs.Minimize"/> stopped.</summary>
internal enum LbfgsStop
{
    GradientTolerance,
    RelativeReduction,
    MaxIterations,
    MaxEvaluations,
    LineSearchFailed,
}

/// <summary>Outcome of <see cref="Lbfgs.Minimize"/>.</summary>
internal sealed record LbfgsResult(double[] X, double Value, int Iterations, int Evaluations, LbfgsStop Stop);

/// <summary>
/// Limited-memory BFGS (Nocedal 1980; Liu and Nocedal 1989) for unconstrained problems, with the choices of
/// scipy's L-BFGS-B (Byrd, Lu, Nocedal and Zhu 1995) that metric-learn's NCA and MLKR run through
/// <c>scipy.optimize.minimize(method='L-BFGS-B')</c>: 10 correction pairs, the two-loop recursion with
/// H₀ = (sᵀy / yᵀy) I, a first step of 1/‖d‖ then 1, the Moré–Thuente line search (ftol 1e-3, gtol 0.9,
/// xtol 0.1, at most 20 evaluations), pairs skipped when sᵀy ≤ eps·(-stp·gᵀd), and the stopping rules
/// ‖g‖_∞ ≤ gtol or (f_k - f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ ftol (defaults 1e-5 and 2.22e-9).
/// </summary>
internal static class Lbfgs
{
    private const double MaxStep = 1e10;
    private const int MaxLineSearchEvaluations = 20;

    public static LbfgsResult Minimize(ObjectiveFunction f, double[] x0, int maxIterations,
        double ftol = 2.220446049250313e-09, double gtol = 1e-5, int memory = 10, int maxEvaluations = 15000)
    {
        int n = x0.Length;
        var x = (double[])x0.Clone();
        var g = new double[n];
        double fx = f(x, g);
        int evaluations = 1, iterations = 0;
        var history = new History(n, memory);
        var (d, xNew, gNew) = (new double[n], new double[n], new double[n]);
        bool retried = false;
        while (true)
        {
            if (InfNorm(g) <= gtol)
            {
                return new LbfgsResult(x, fx, iterations, evaluations, LbfgsStop.GradientTolerance);
            }

            if (iterations >= maxIterations)
            {
                return new LbfgsResult(x, fx, iterations, evaluations, LbfgsStop.MaxIterations);
            }

            history.Direction(g, d);
            double gd = Dot(g, d);
            if (!(gd < 0))
            {
                // Not a descent direction (numerical trouble): fall back to steepest descent.
                history.Clear();
                history.Direction(g, d);
                gd = Dot(g, d);
            }

            double first = iterations == 0 ? Math.Min(1.0 / Math.Sqrt(Dot(d, d)), MaxStep) : 1.0;
            var search = new MoreThuente(fx, gd, first, MaxStep);
            double fNew;
            int lineEvaluations = 0;
            bool accepted;
            do
            {
                double stp = search.Step;
                for (int i = 0; i < n; i++)
                {
                    xNew[i] = x[i] + stp * d[i];
                }

                fNew = f(xNew, gNew);
                evaluations++;
                lineEvaluations++;
                accepted = double.IsFinite(fNew) && search.Next(fNew, Dot(gNew, d));
            }
            while (!accepted && lineEvaluations < MaxLineSearchEvaluations && evaluations < maxEvaluations);

            if (!accepted)
            {
                // L-BFGS-B: restart once from steepest descent with an empty memory, then give up.
                if (retried || history.Count == 0)
                {
                    var stop = evaluations >= maxEvaluations ? LbfgsStop.MaxEvaluations : LbfgsStop.LineSearchFailed;
                    return new LbfgsResult(x, fx, iterations, evaluations, stop);
                }

                retried = true;
                history.Clear();
                continue;
            }

            retried = false;
            iterations++;
            double stpAccepted = search.Step;
            history.Push(x, xNew, g, gNew, stpAccepted * gd);
            double fOld = fx;
            (x, xNew) = (xNew, x);
            (g, gNew) = (gNew, g);
            fx = fNew;
            if (InfNorm(g) <= gtol)
            {
                return new LbfgsResult(x, fx, iterations, evaluations, LbfgsStop.GradientTolerance);
            }

            if ((fOld - fx) <= ftol * Math.Max(Math.Max(Math.Abs(fOld), Math.Abs(fx)), 1))
            {
                return new LbfgsResult(x, fx, iterations, evaluations, LbfgsStop.RelativeReduction);
            }

            if (evaluations >= maxEvaluations)
            {
                return new LbfgsResult(x, fx, iterations, evaluations, LbfgsStop.MaxEvaluations);
            }
        }
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }

    private static double InfNorm(ReadOnlySpan<double> a)
    {
        double m = 0;
        foreach (double v in a)
        {
            m = Math.Max(m, Math.Abs(v));
        }

        return m;
    }

    // The last `memory` correction pairs (s, y) in a ring buffer.
    private sealed class History(int n, int memory)
    {
        private readonly double[][] _s = CreateRows(memory, n);
        private readonly double[][] _y = CreateRows(memory, n);
        private readonly double[] _rho = new double[memory];
        private readonly double[] _alpha = new double[memory];
        private int _start;

        public int Count { get; private set; }

        public void Clear() => (Count, _start) = (0, 0);

        // d = -H g by the two-loop recursion.
        public void Direction(ReadOnlySpan<double> g, Span<double> d)
        {
            for (int i = 0; i < n; i++)
            {
                d[i] = -g[i];
            }

            for (int k = Count - 1; k >= 0; k--)
            {
                int j = (_start + k) % memory;
                _alpha[j] = _rho[j] * Dot(_s[j], d);
                Axpy(-_alpha[j], _y[j], d);
            }

            if (Count > 0)
            {
                int last = (_start + Count - 1) % memory;
                double gamma = 1.0 / (_rho[last] * Dot(_y[last], _y[last]));
                for (int i = 0; i < n; i++)
                {
                    d[i] *= gamma;
                }
            }

            for (int k = 0; k < Count; k++)
            {
                int j = (_start + k) % memory;
                double beta = _rho[j] * Dot(_y[j], d);
                Axpy(_alpha[j] - beta, _s[j], d);
            }
        }

        // Adds s = x1 - x0, y = g1 - g0 unless the curvature sᵀy is not safely positive.
        public void Push(ReadOnlySpan<double> x0, ReadOnlySpan<double> x1, ReadOnlySpan<double> g0,
            ReadOnlySpan<double> g1, double stpGd)
        {
            double sy = 0;
            for (int i = 0; i < n; i++)
            {
                sy += (x1[i] - x0[i]) * (g1[i] - g0[i]);
            }

            if (!(sy > 2.220446049250313e-16 * -stpGd))
            {
                return;
            }

            int j = Count < memory ? (_start + Count) % memory : _start;
            for (int i = 0; i < n; i++)
            {
                _s[j][i] = x1[i] - x0[i];
                _y[j][i] = g1[i] - g0[i];
            }

            _rho[j] = 1.0 / sy;
            if (Count < memory)
            {
                Count++;
            }
            else
            {
                _start = (_start + 1) % memory;
            }
        }

        private static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
        {
            for (int i = 0; i < y.Length; i++)
            {
                y[i] += a * x[i];
            }
        }

        private static double[][] CreateRows(int rows, int cols)
        {
            var r = new double[rows][];
            for (int i = 0; i < rows; i++)
            {
                r[i] = new double[cols];
            }

            return r;
        }
    }
}
