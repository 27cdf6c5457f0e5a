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

    // scikit-learn's LinearDiscriminantAnalysis(solver='svd').scalings_.T[:c]
    private static double[] Lda(double[] x, int n, int d, int c, int[] labels)
    {
        var (rows, rank) = LdaDirections.Scalings(x, n, d, labels);
        var l = new double[c * d];
        Array.Copy(rows, l, Math.Min(c, rank) * d);
        return l;
    }
}
