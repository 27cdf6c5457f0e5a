namespace Tango.Mahalanobis.Optimization;

/// <summary>
/// The Moré–Thuente line search (Moré and Thuente 1994, "Line search algorithms with guaranteed sufficient
/// decrease", ACM TOMS 20; the MINPACK-2 <c>dcsrch</c>/<c>dcstep</c> pair that L-BFGS-B uses): finds a step
/// satisfying the strong Wolfe conditions f(t) ≤ f(0) + ftol·t·f'(0) and |f'(t)| ≤ gtol·|f'(0)| by safeguarded
/// cubic and quadratic interpolation inside a shrinking bracket. Written as a small state machine: call
/// <see cref="Next"/> with the value and slope at the current step until it reports done.
/// </summary>
internal sealed class MoreThuente
{
    private const double XTrapLower = 1.1;
    private const double XTrapUpper = 4.0;

    private readonly double _ftol, _gtol, _xtol, _stpMin, _stpMax;
    private readonly double _fInit, _gInit, _gTest;
    private bool _bracketed;
    private int _stage = 1;
    private double _width, _width1;
    private double _stx, _fx, _gx, _sty, _fy, _gy, _stMin, _stMax;

    /// <summary>Starts a search from value <paramref name="f0"/> and slope <paramref name="g0"/> (&lt; 0).</summary>
    public MoreThuente(double f0, double g0, double firstStep, double stpMax, double ftol = 1e-3, double gtol = 0.9,
        double xtol = 0.1, double stpMin = 0)
    {
        (_ftol, _gtol, _xtol, _stpMin, _stpMax) = (ftol, gtol, xtol, stpMin, stpMax);
        (_fInit, _gInit) = (f0, g0);
        _gTest = ftol * g0;
        _width = stpMax - stpMin;
        _width1 = _width / 0.5;
        (_stx, _fx, _gx, _sty, _fy, _gy) = (0, f0, g0, 0, f0, g0);
        _stMin = 0;
        _stMax = firstStep + XTrapUpper * firstStep;
        Step = firstStep;
    }

    /// <summary>The step to evaluate next (or the accepted step once done).</summary>
    public double Step { get; private set; }

    /// <summary>
    /// Feeds f and f' at <see cref="Step"/>. Returns true when the search is over (converged, or stopped by a
    /// safeguard, which L-BFGS-B also accepts); otherwise <see cref="Step"/> holds the next trial step.
    /// </summary>
    public bool Next(double f, double g)
    {
        double stp = Step;
        double fTest = _fInit + stp * _gTest;
        if (_stage == 1 && f <= fTest && g >= 0)
        {
            _stage = 2;
        }

        bool warn = (_bracketed && (stp <= _stMin || stp >= _stMax)) ||
                    (_bracketed && _stMax - _stMin <= _xtol * _stMax) ||
                    (stp == _stpMax && f <= fTest && g <= _gTest) ||
                    (stp == _stpMin && (f > fTest || g >= _gTest));
        if (warn || (f <= fTest && Math.Abs(g) <= _gtol * -_gInit))
        {
            return true;
        }

        if (_stage == 1 && f <= _fx && f > fTest)
        {
            // Modified function ψ(t) = f(t) - f(0) - ftol·t·f'(0) until a step with ψ ≤ 0 and f' ≥ 0 is found.
            double fm = f - stp * _gTest, fxm = _fx - _stx * _gTest, fym = _fy - _sty * _gTest;
            double gm = g - _gTest, gxm = _gx - _gTest, gym = _gy - _gTest;
            Dcstep(ref _stx, ref fxm, ref gxm, ref _sty, ref fym, ref gym, ref stp, fm, gm);
            (_fx, _fy, _gx, _gy) = (fxm + _stx * _gTest, fym + _sty * _gTest, gxm + _gTest, gym + _gTest);
        }
        else
        {
            Dcstep(ref _stx, ref _fx, ref _gx, ref _sty, ref _fy, ref _gy, ref stp, f, g);
        }

        if (_bracketed)
        {
            // Force sufficient shrinkage of the bracket: bisect if it did not shrink by a third in two steps.
            if (Math.Abs(_sty - _stx) >= 0.66 * _width1)
            {
                stp = _stx + 0.5 * (_sty - _stx);
            }

            _width1 = _width;
            _width = Math.Abs(_sty - _stx);
            _stMin = Math.Min(_stx, _sty);
            _stMax = Math.Max(_stx, _sty);
        }
        else
        {
            _stMin = stp + XTrapLower * (stp - _stx);
            _stMax = stp + XTrapUpper * (stp - _stx);
        }

        stp = Math.Min(Math.Max(stp, _stpMin), _stpMax);
        if ((_bracketed && (stp <= _stMin || stp >= _stMax)) || (_bracketed && _stMax - _stMin <= _xtol * _stMax))
        {
            stp = _stx;
        }

        Step = stp;
        return false;
    }

    // dcstep: safeguarded step from the best point (stx), the other bracket end (sty) and the trial (stp).
    private void Dcstep(ref double stx, ref double fx, ref double dx, ref double sty, ref double fy, ref double dy,
        ref double stp, double fp, double dp)
    {
        double sgnd = dp * (dx / Math.Abs(dx));
        double stpf;
        if (fp > fx)
        {
            // Case 1: higher value; the minimum is bracketed. Cubic step if closer to stx, else the average.
            double theta = 3 * (fx - fp) / (stp - stx) + dx + dp;
            double s = Max3(theta, dx, dp);
            double gamma = s * Math.Sqrt((theta / s) * (theta / s) - (dx / s) * (dp / s));
            gamma = stp < stx ? -gamma : gamma;
            double r = ((gamma - dx) + theta) / (((gamma - dx) + gamma) + dp);
            double stpc = stx + r * (stp - stx);
            double stpq = stx + ((dx / ((fx - fp) / (stp - stx) + dx)) / 2) * (stp - stx);
            stpf = Math.Abs(stpc - stx) < Math.Abs(stpq - stx) ? stpc : stpc + (stpq - stpc) / 2;
            _bracketed = true;
        }
        else if (sgnd < 0)
        {
            // Case 2: lower value, derivatives of opposite sign: bracketed; the step farther from stp.
            double theta = 3 * (fx - fp) / (stp - stx) + dx + dp;
            double s = Max3(theta, dx, dp);
            double gamma = s * Math.Sqrt((theta / s) * (theta / s) - (dx / s) * (dp / s));
            gamma = stp > stx ? -gamma : gamma;
            double r = ((gamma - dp) + theta) / (((gamma - dp) + gamma) + dx);
            double stpc = stp + r * (stx - stp);
            double stpq = stp + (dp / (dp - dx)) * (stx - stp);
            stpf = Math.Abs(stpc - stp) > Math.Abs(stpq - stp) ? stpc : stpq;
            _bracketed = true;
        }
        else if (Math.Abs(dp) < Math.Abs(dx))
        {
            // Case 3: lower value, same-sign derivative decreasing in magnitude.
            double theta = 3 * (fx - fp) / (stp - stx) + dx + dp;
            double s = Max3(theta, dx, dp);
            double gamma = s * Math.Sqrt(Math.Max(0, (theta / s) * (theta / s) - (dx / s) * (dp / s)));
            gamma = stp > stx ? -gamma : gamma;
            double r = ((gamma - dp) + theta) / ((gamma + (dx - dp)) + gamma);
            double stpc = r < 0 && gamma != 0 ? stp + r * (stx - stp) : stp > stx ? _stMax : _stMin;
            double stpq = stp + (dp / (dp - dx)) * (stx - stp);
            if (_bracketed)
            {
                stpf = Math.Abs(stpc - stp) < Math.Abs(stpq - stp) ? stpc : stpq;
                stpf = stp > stx ? Math.Min(stp + 0.66 * (sty - stp), stpf) : Math.Max(stp + 0.66 * (sty - stp), stpf);
            }
            else
            {
                stpf = Math.Abs(stpc - stp) > Math.Abs(stpq - stp) ? stpc : stpq;
                stpf = Math.Max(_stMin, Math.Min(_stMax, stpf));
            }
        }
        else if (_bracketed)
        {
            // Case 4: lower value, derivative not decreasing: cubic step towards sty.
            double theta = 3 * (fp - fy) / (sty - stp) + dy + dp;
            double s = Max3(theta, dy, dp);
            double gamma = s * Math.Sqrt((theta / s) * (theta / s) - (dy / s) * (dp / s));
            gamma = stp > sty ? -gamma : gamma;
            double r = ((gamma - dp) + theta) / (((gamma - dp) + gamma) + dy);
            stpf = stp + r * (sty - stp);
        }
        else
        {
            stpf = stp > stx ? _stMax : _stMin;
        }

        if (fp > fx)
        {
            (sty, fy, dy) = (stp, fp, dp);
        }
        else
        {
            if (sgnd < 0)
            {
                (sty, fy, dy) = (stx, fx, dx);
            }

            (stx, fx, dx) = (stp, fp, dp);
        }

        stp = stpf;
    }

    private static double Max3(double a, double b, double c) => Math.Max(Math.Abs(a), Math.Max(Math.Abs(b), Math.Abs(c)));
}
