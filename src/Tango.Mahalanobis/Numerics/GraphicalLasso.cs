namespace Tango.Mahalanobis.Numerics;

/// <summary>
/// The graphical lasso (Friedman, Hastie and Tibshirani 2008, Biostatistics 9): the sparse inverse covariance
/// Θ = argmin tr(SΘ) - log det Θ + α Σ_{i≠j} |Θ_ij|, by block coordinate descent over the columns of the
/// covariance W, each column an elastic-net (here lasso) problem on the Gram matrix W₁₁ solved by cyclic
/// coordinate descent. Follows scikit-learn 1.2's <c>graphical_lasso(mode='cd')</c> and its
/// <c>enet_coordinate_descent_gram</c> (same start W = 0.95·W₀ with S's diagonal, same tolerances on the dual gap),
/// which SDML calls.
/// </summary>
internal static class GraphicalLasso
{
    private const double Eps = Linalg.MachineEpsilon;

    /// <summary>
    /// s: (p, p) empirical covariance, w0: (p, p) initial covariance -> the precision Θ: (p, p), or an exception
    /// naming why the problem is too ill-conditioned.
    /// </summary>
    public static double[] Fit(double[] s, double[] w0, int p, double alpha, int maxIterations = 100,
        double tolerance = 1e-4, double enetTolerance = 1e-4)
    {
        var w = new double[p * p];
        for (int i = 0; i < p * p; i++)
        {
            w[i] = 0.95 * w0[i];
        }

        for (int i = 0; i < p; i++)
        {
            w[i * p + i] = s[i * p + i];
        }

        var theta = Linalg.PseudoInverse(w, p);
        int m = p - 1;
        var sub = new double[m * m];
        var row = new double[m];
        var coefs = new double[m];
        for (int it = 0; it < maxIterations; it++)
        {
            for (int idx = 0; idx < p; idx++)
            {
                Submatrix(w, p, idx, sub);
                for (int a = 0, r = 0; a < p; a++)
                {
                    if (a != idx)
                    {
                        row[r] = s[idx * p + a];
                        coefs[r] = -(theta[a * p + idx] / (theta[idx * p + idx] + 1000 * Eps));
                        r++;
                    }
                }

                LassoGram(coefs, alpha, sub, row, m, maxIterations, enetTolerance);
                double dot = 0;
                for (int a = 0, r = 0; a < p; a++)
                {
                    if (a != idx)
                    {
                        dot += w[a * p + idx] * coefs[r++];
                    }
                }

                double tii = 1.0 / (w[idx * p + idx] - dot);
                theta[idx * p + idx] = tii;
                var wc = Dense.MatMul(sub, m, m, coefs, 1);
                for (int a = 0, r = 0; a < p; a++)
                {
                    if (a != idx)
                    {
                        theta[a * p + idx] = theta[idx * p + a] = -tii * coefs[r];
                        w[idx * p + a] = w[a * p + idx] = wc[r];
                        r++;
                    }
                }
            }

            if (!double.IsFinite(theta.Sum()))
            {
                throw new ArithmeticException("the system is too ill-conditioned for the graphical lasso");
            }

            if (Math.Abs(DualGap(s, theta, p, alpha)) < tolerance)
            {
                break;
            }

            if (!double.IsFinite(Cost(s, theta, p, alpha)) && it > 0)
            {
                throw new ArithmeticException("non positive definite result: the system is too ill-conditioned");
            }
        }

        return theta;
    }

    // (p, p) without row and column idx -> (p - 1, p - 1)
    private static void Submatrix(double[] w, int p, int idx, double[] sub)
    {
        for (int a = 0, r = 0; a < p; a++)
        {
            if (a == idx)
            {
                continue;
            }

            for (int b = 0, c = 0; b < p; b++)
            {
                if (b != idx)
                {
                    sub[r * (p - 1) + c++] = w[a * p + b];
                }
            }

            r++;
        }
    }

    // Minimises ½ wᵀQw - qᵀw + α‖w‖₁ by cyclic coordinate descent (q = y = row, as the graphical lasso calls it),
    // stopping when the largest update is small relative to the largest coefficient and the duality gap is below
    // tol·‖y‖² (scikit-learn's enet_coordinate_descent_gram with β = 0).
    private static void LassoGram(double[] w, double alpha, double[] q, double[] y, int m, int maxIterations, double tol)
    {
        var h = Dense.MatMul(q, m, m, w, 1);
        double yNorm2 = Dense.Dot(y, y);
        double gapTol = tol * yNorm2;
        for (int it = 0; it < maxIterations; it++)
        {
            double wMax = 0, dwMax = 0;
            for (int i = 0; i < m; i++)
            {
                double qii = q[i * m + i];
                if (qii == 0)
                {
                    continue;
                }

                double old = w[i];
                var qRow = q.AsSpan(i * m, m);
                if (old != 0)
                {
                    System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(qRow, -old, h, h);
                }

                double t = y[i] - h[i];
                if (!double.IsFinite(t))
                {
                    throw new ArithmeticException("the system is too ill-conditioned for the graphical lasso");
                }

                w[i] = Math.Sign(t) * Math.Max(Math.Abs(t) - alpha, 0) / qii;
                if (w[i] != 0)
                {
                    System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(qRow, w[i], h, h);
                }

                dwMax = Math.Max(dwMax, Math.Abs(w[i] - old));
                wMax = Math.Max(wMax, Math.Abs(w[i]));
            }

            if (wMax == 0 || dwMax / wMax < tol || it == maxIterations - 1)
            {
                double qDotW = Dense.Dot(w, y), dual = 0, wh = Dense.Dot(w, h), l1 = 0;
                for (int i = 0; i < m; i++)
                {
                    dual = Math.Max(dual, Math.Abs(y[i] - h[i]));
                    l1 += Math.Abs(w[i]);
                }

                double rNorm2 = yNorm2 + wh - 2 * qDotW;
                double c = dual > alpha ? alpha / dual : 1.0;
                double gap = dual > alpha ? 0.5 * (rNorm2 + rNorm2 * c * c) : rNorm2;
                gap += alpha * l1 - c * yNorm2 + c * qDotW;
                if (gap < gapTol)
                {
                    return;
                }
            }
        }
    }

    // tr(SΘ) - p + α Σ_{i≠j} |Θ_ij|
    private static double DualGap(double[] s, double[] theta, int p, double alpha) =>
        Dense.Dot(s, theta) - p + alpha * OffDiagonalL1(theta, p);

    // -2·loglik + p log 2π + α Σ_{i≠j} |Θ_ij|, +∞ when Θ is not positive definite
    private static double Cost(double[] s, double[] theta, int p, double alpha)
    {
        var (sign, logDet) = Linalg.SignLogDet(theta, p);
        double logLik = sign > 0 ? (-Dense.Dot(s, theta) + logDet - p * Math.Log(2 * Math.PI)) / 2 : double.NegativeInfinity;
        return -2 * logLik + p * Math.Log(2 * Math.PI) + alpha * OffDiagonalL1(theta, p);
    }

    private static double OffDiagonalL1(double[] theta, int p)
    {
        double sum = 0;
        for (int i = 0; i < p; i++)
        {
            for (int j = 0; j < p; j++)
            {
                sum += i == j ? 0 : Math.Abs(theta[i * p + j]);
            }
        }

        return sum;
    }
}
