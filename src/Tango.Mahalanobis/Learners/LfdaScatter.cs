using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis;

/// <summary>The local scatter matrices of LFDA (Sugiyama 2007, eqs. 8–13, in metric-learn's factored form).</summary>
internal static class LfdaScatter
{
    // x: (n, d), labels: (n) -> S_b: (d, d), S_w: (d, d), both symmetrised. localScales (tests only) replaces the
    // per-class σ vectors.
    public static (double[] Sb, double[] Sw) Compute(double[] x, int n, int d, int[] labels, int k,
        double[][]? localScales = null)
    {
        var (classes, index) = Input.Encode(labels);
        var sb = new double[d * d];
        var sw = new double[d * d];
        for (int c = 0; c < classes.Length; c++)
        {
            var rows = Enumerable.Range(0, n).Where(i => index[i] == c).ToArray();
            int nc = rows.Length;
            var xc = Dense.Rows(x, d, rows);
            var a = Affinity(xc, nc, d, Math.Min(k, nc - 1), localScales?[c]);

            // G = Xcᵀ diag(1ᵀA) Xc - Xcᵀ A Xc = Σ_ij A_ij (x_i x_iᵀ - x_i x_jᵀ): local within-class scatter × 2.
            var colSum = new double[nc];
            for (int i = 0; i < nc; i++)
            {
                for (int j = 0; j < nc; j++)
                {
                    colSum[j] += a[i * nc + j];
                }
            }

            var weighted = new double[nc * d];
            for (int i = 0; i < nc; i++)
            {
                for (int t = 0; t < d; t++)
                {
                    weighted[i * d + t] = colSum[i] * xc[i * d + t];
                }
            }

            var g = Dense.TransposeMatMul(xc, nc, d, weighted, d);
            var ax = Dense.MatMul(a, nc, nc, xc, d);
            var xtAx = Dense.TransposeMatMul(xc, nc, d, ax, d);
            var xtx = Dense.TransposeMatMul(xc, nc, d, xc, d);
            var sum = SumOuter(xc, nc, d);
            for (int i = 0; i < d * d; i++)
            {
                g[i] -= xtAx[i];
                sb[i] += g[i] / n + (1 - (double)nc / n) * xtx[i] + sum[i] / n;
                sw[i] += g[i] / nc;
            }
        }

        var total = SumOuter(x, n, d);
        for (int i = 0; i < d * d; i++)
        {
            sb[i] -= total[i] / n - sw[i];
        }

        Dense.Symmetrize(sb, d);
        Dense.Symmetrize(sw, d);
        return (sb, sw);
    }

    // Local-scaling affinity within one class: A_ij = exp(-D_ij / (σ_i σ_j)), σ_j = sqrt of the k-th smallest
    // squared distance in column j (self included at rank 0); 0 where σ_i σ_j = 0.
    private static double[] Affinity(double[] xc, int nc, int d, int k, double[]? sigmaOverride)
    {
        var dist = new double[nc * nc];
        for (int i = 0; i < nc; i++)
        {
            for (int j = i + 1; j < nc; j++)
            {
                double s = 0;
                for (int t = 0; t < d; t++)
                {
                    double diff = xc[i * d + t] - xc[j * d + t];
                    s += diff * diff;
                }

                dist[i * nc + j] = s;
                dist[j * nc + i] = s;
            }
        }

        var sigma = sigmaOverride ?? new double[nc];
        var column = new double[nc];
        for (int j = 0; j < nc && sigmaOverride is null; j++)
        {
            for (int i = 0; i < nc; i++)
            {
                column[i] = dist[i * nc + j];
            }

            Array.Sort(column);
            sigma[j] = Math.Sqrt(column[Math.Max(k, 0)]);
        }

        var a = new double[nc * nc];
        for (int i = 0; i < nc; i++)
        {
            for (int j = 0; j < nc; j++)
            {
                double scale = sigma[i] * sigma[j];
                a[i * nc + j] = scale == 0 ? 0 : Math.Exp(-dist[i * nc + j] / scale);
            }
        }

        return a;
    }

    // (Σ_i x_i)(Σ_i x_i)ᵀ for x: (n, d) -> (d, d)
    private static double[] SumOuter(double[] x, int n, int d)
    {
        var s = new double[d];
        for (int i = 0; i < n; i++)
        {
            for (int t = 0; t < d; t++)
            {
                s[t] += x[i * d + t];
            }
        }

        var o = new double[d * d];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                o[i * d + j] = s[i] * s[j];
            }
        }

        return o;
    }
}
