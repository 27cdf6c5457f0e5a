using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis;

/// <summary>
/// MMC with a diagonal M = diag(w) (Xing et al. 2002, section 2.2), metric-learn's <c>_fit_diag</c>: damped Newton
/// steps w ← max(0, w - λ H⁻¹ ∇), λ halved while the objective decreases, on
/// f(w) = Σ_similar Σ_t v_t² w_t - c·log Σ_dissimilar sqrt(Σ_t v_t² w_t). metric-learn evaluates the line-search
/// objective with +c·log(Σ sqrt(· + 1e-6)) while its gradient and Hessian are those of -c·log; Tango reproduces
/// that exactly for parity (see docs/mahalanobis.md).
/// </summary>
internal static class MmcDiagonal
{
    private const double Ridge = 1e-6;
    private const double Reduction = 2.0;

    // pos, neg: (k, d) differences -> w: (d), iterations
    public static (double[] W, int Iterations) Fit(double[] w, double[] pos, double[] neg, int d, int maxIterations,
        double tolerance, double c)
    {
        var sSum = new double[d];
        for (int i = 0; i < pos.Length; i++)
        {
            sSum[i % d] += pos[i] * pos[i];
        }

        var negSq = neg.Select(v => v * v).ToArray();
        int k = neg.Length / d;
        int it = 0;
        double error = 1.0;
        while (error > tolerance && it < maxIterations)
        {
            var (fd0, fd1, fd2) = Constraint(negSq, k, d, w);
            double objInitial = Dense.Dot(sSum, w) + c * fd0;
            var gradient = new double[d];
            var hessian = new double[d * d];
            for (int i = 0; i < d; i++)
            {
                gradient[i] = sSum[i] - c * fd1[i];
                for (int j = 0; j < d; j++)
                {
                    hessian[i * d + j] = -c * fd2[i * d + j] + (i == j ? Ridge : 0);
                }
            }

            var step = Dense.MatMul(Linalg.Inverse(hessian, d), d, d, gradient, 1);
            double lambda = 1;
            var wTmp = Clipped(w, lambda, step);
            double obj = Dense.Dot(sSum, wTmp) + c * Objective(negSq, k, d, wTmp);
            double objPrevious = double.PositiveInfinity;
            var wPrevious = wTmp;
            while (obj < objPrevious)
            {
                objPrevious = obj;
                wPrevious = wTmp;
                lambda /= Reduction;
                wTmp = Clipped(w, lambda, step);
                obj = Dense.Dot(sSum, wTmp) + c * Objective(negSq, k, d, wTmp);
            }

            if (!double.IsFinite(obj) || !double.IsFinite(objPrevious))
            {
                throw new InvalidOperationException(
                    "Mmc (diagonal): the objective is not finite; check for duplicate dissimilar pairs.");
            }

            w = wPrevious;
            error = Math.Abs((objPrevious - objInitial) / objPrevious);
            it++;
        }

        return (w, it);
    }

    private static double[] Clipped(double[] w, double lambda, double[] step) =>
        w.Select((v, i) => Math.Max(0, v - lambda * step[i])).ToArray();

    // log Σ_k sqrt(Σ_t v_kt² w_t + 1e-6)
    private static double Objective(double[] negSq, int k, int d, double[] w)
    {
        double sum = 0;
        for (int i = 0; i < k; i++)
        {
            sum += Math.Sqrt(Dense.Dot(negSq.AsSpan(i * d, d), w) + 1e-6);
        }

        return Math.Log(sum);
    }

    // log Σ d_k, its gradient and Hessian in w, with d_k = sqrt(Σ_t v_kt² w_t) (metric-learn's _D_constraint).
    private static (double, double[], double[]) Constraint(double[] negSq, int k, int d, double[] w)
    {
        var deri1 = new double[d];
        var deri2 = new double[d * d];
        double sumDist = 0;
        for (int i = 0; i < k; i++)
        {
            var v = negSq.AsSpan(i * d, d);
            double dist = Math.Sqrt(Dense.Dot(v, w));
            sumDist += dist;
            double a = 0.5 / Math.Max(dist, 1e-6);
            double b = 1.0 / (-4 * Math.Max(1e-6, dist * dist * dist));
            for (int p = 0; p < d; p++)
            {
                deri1[p] += v[p] * a;
                for (int q = 0; q < d; q++)
                {
                    deri2[p * d + q] += v[p] * v[q] * b;
                }
            }
        }

        var grad = deri1.Select(v => v / sumDist).ToArray();
        var hess = new double[d * d];
        for (int p = 0; p < d; p++)
        {
            for (int q = 0; q < d; q++)
            {
                hess[p * d + q] = deri2[p * d + q] / sumDist - deri1[p] * deri1[q] / (sumDist * sumDist);
            }
        }

        return (Math.Log(sumDist), grad, hess);
    }
}
