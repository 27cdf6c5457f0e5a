using MathNet.Numerics.LinearAlgebra;
using Tango.Core;

namespace Tango.Mahalanobis.Numerics;

/// <summary>Initial linear maps for the gradient-based learners (metric-learn's <c>_initialize_components</c>).</summary>
internal static class ComponentInitializer
{
    // x: (n, d) -> L0: (c, d)
    public static double[] Create(ComponentInit init, double[,]? given, double[] x, int n, int d, int c,
        int[]? labels, ulong seed, string learner)
    {
        if (given is not null)
        {
            return Given(given, d, c, learner);
        }

        int classes = labels is null ? -1 : Input.Encode(labels).Classes.Length;
        if (init == ComponentInit.Auto)
        {
            init = labels is not null && c <= Math.Min(d, classes - 1) ? ComponentInit.Lda
                : c < Math.Min(d, n) ? ComponentInit.Pca : ComponentInit.Identity;
        }

        return init switch
        {
            ComponentInit.Identity => Identity(c, d),
            ComponentInit.Random => Random(c, d, seed),
            ComponentInit.Pca => Pca(x, n, d, c),
            ComponentInit.Lda when labels is not null => Lda(x, n, d, c, labels),
            ComponentInit.Lda => throw new ArgumentException($"{learner}: LDA initialisation needs class labels."),
            _ => throw new ArgumentOutOfRangeException(nameof(init), $"{learner}: unknown init {init}."),
        };
    }

    private static double[] Given(double[,] given, int d, int c, string learner)
    {
        if (given.GetLength(1) != d || given.GetLength(0) != c)
        {
            throw new ArgumentException(
                $"{learner}: the initial components have shape ({given.GetLength(0)}, {given.GetLength(1)}); " +
                $"expected ({c}, {d}) (components, features).");
        }

        return Input.Features(given, learner, 1, "initialComponents");
    }

    private static double[] Identity(int c, int d)
    {
        var l = new double[c * d];
        for (int i = 0; i < c; i++)
        {
            l[i * d + i] = 1;
        }

        return l;
    }

    private static double[] Random(int c, int d, ulong seed)
    {
        var rng = new Rng(seed);
        var l = new double[c * d];
        for (int i = 0; i < l.Length; i++)
        {
            l[i] = rng.NextNormal();
        }

        return l;
    }

    // Leading right singular vectors of the centred data (scikit-learn's PCA components_, up to sign).
    private static double[] Pca(double[] x, int n, int d, int c)
    {
        var (_, v) = Linalg.SymmetricEigen(Dense.Covariance(x, n, d), d);
        var l = new double[c * d];
        for (int r = 0; r < c; r++)
        {
            for (int j = 0; j < d; j++)
            {
                l[r * d + j] = v[j * d + (d - 1 - r)];
            }
        }

        return l;
    }

    // scikit-learn's LinearDiscriminantAnalysis(solver='svd').scalings_.T[:c]: whiten by the pooled within-class
    // scatter (per-feature standardised, SVD), then rotate onto the principal axes of the weighted class means.
    private static double[] Lda(double[] x, int n, int d, int c, int[] labels)
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
        var svd = scaled.Svd(true);
        double tol = 1e-4;
        int rank = svd.S.Count(s => s > tol);
        var scalings = Matrix<double>.Build.Dense(d, rank, (j, r) => svd.VT[r, j] / std[j] / svd.S[r]);
        var xbar = Enumerable.Range(0, d).Select(j => Enumerable.Range(0, k).Sum(a => counts[a] * means[a * d + j]) / n)
            .ToArray();
        double between = k > 1 ? 1.0 / (k - 1) : 1;
        var centred = Matrix<double>.Build.Dense(k, d,
            (a, j) => Math.Sqrt((double)counts[a] * between) * (means[a * d + j] - xbar[j]));
        var svd2 = (centred * scalings).Svd(true);
        int rank2 = svd2.S.Count(s => s > tol * svd2.S[0]);
        var full = scalings * svd2.VT.Transpose().SubMatrix(0, rank, 0, rank2);
        var l = new double[c * d];
        for (int r = 0; r < Math.Min(c, rank2); r++)
        {
            for (int j = 0; j < d; j++)
            {
                l[r * d + j] = full[j, r];
            }
        }

        return l;
    }
}
