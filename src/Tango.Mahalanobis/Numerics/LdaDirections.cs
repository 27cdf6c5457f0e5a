using MathNet.Numerics.LinearAlgebra;

namespace Tango.Mahalanobis.Numerics;

/// <summary>
/// Discriminant directions as scikit-learn's <c>LinearDiscriminantAnalysis(solver='svd')</c> computes its
/// <c>scalings_</c>: whiten by the pooled within-class scatter (features standardised, SVD, rank by singular values
/// above 1e-4), then rotate onto the principal axes of the prior-weighted class means. Used for LDA initialisation
/// and SCML's LDA basis.
/// </summary>
internal static class LdaDirections
{
    // x: (n, d) -> the rows of scalings_ᵀ: (rank, d) row-major, and the rank (≤ classes - 1).
    public static (double[] Rows, int Rank) Scalings(double[] x, int n, int d, int[] labels)
    {
        var (classes, index) = Input.Encode(labels);
        int k = classes.Length;
        var means = new double[k * d];
        var counts = new int[k];
        for (int i = 0; i < n; i++)
        {
            counts[index[i]]++;
            for (int j = 0; j < d; j++)
            {
                means[index[i] * d + j] += x[i * d + j];
            }
        }

        for (int a = 0; a < k; a++)
        {
            for (int j = 0; j < d; j++)
            {
                means[a * d + j] /= counts[a];
            }
        }

        var within = Matrix<double>.Build.Dense(n, d, (i, j) => x[i * d + j] - means[index[i] * d + j]);
        var std = Enumerable.Range(0, d).Select(j =>
        {
            double s = Math.Sqrt(within.Column(j).PointwisePower(2).Sum() / n);
            return s == 0 ? 1 : s;
        }).ToArray();
        double fac = 1.0 / Math.Max(n - k, 1);
        var scaled = Matrix<double>.Build.Dense(n, d, (i, j) => Math.Sqrt(fac) * within[i, j] / std[j]);
        // Right singular vectors and values of the (n, d) scaled data from the eigen-decomposition of its (d, d)
        // Gram matrix (the full SVD would also build the unused (n, n) left factor).
        var gram = scaled.TransposeThisAndMultiply(scaled);
        var (w, v) = Linalg.SymmetricEigen(gram.ToColumnMajorArray(), d);
        var sv = Enumerable.Range(0, d).Select(r => Math.Sqrt(Math.Max(w[d - 1 - r], 0))).ToArray();
        double tol = 1e-4;
        int rank = sv.Count(s => s > tol);
        var scalings = Matrix<double>.Build.Dense(d, rank, (j, r) => v[j * d + (d - 1 - r)] / std[j] / sv[r]);
        var xbar = Enumerable.Range(0, d).Select(j => Enumerable.Range(0, k).Sum(a => counts[a] * means[a * d + j]) / n)
            .ToArray();
        double between = k > 1 ? 1.0 / (k - 1) : 1;
        var centred = Matrix<double>.Build.Dense(k, d,
            (a, j) => Math.Sqrt((double)counts[a] * between) * (means[a * d + j] - xbar[j]));
        var svd2 = (centred * scalings).Svd(true);
        int rank2 = svd2.S.Count(s => s > tol * svd2.S[0]);
        var full = scalings * svd2.VT.Transpose().SubMatrix(0, rank, 0, rank2);
        var rows = new double[rank2 * d];
        for (int r = 0; r < rank2; r++)
        {
            for (int j = 0; j < d; j++)
            {
                rows[r * d + j] = full[j, r];
            }
        }

        return (rows, rank2);
    }
}
