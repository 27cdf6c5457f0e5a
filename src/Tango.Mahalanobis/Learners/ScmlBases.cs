using System.Numerics.Tensors;
using Tango.Core;
using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis;

/// <summary>SCML's basis dictionaries (metric-learn's <c>_generate_bases_dist_diff</c> and <c>_generate_bases_LDA</c>).</summary>
internal static class ScmlBases
{
    /// <summary>
    /// Rounds of d random triplets: with S = Σ (x_a - x_p)(x_a - x_p)ᵀ - (x_a - x_n)(x_a - x_n)ᵀ, the eigenvectors of
    /// SᵀS with positive eigenvalue become bases, until there are <paramref name="count"/> (default 80·d).
    /// metric-learn takes rows of the eigenvector matrix here; Tango takes the eigenvectors (its columns).
    /// </summary>
    public static (double[] Basis, int Count) TripletDiffs(double[] x, int d, Triplets t, int? count, ulong seed,
        string learner)
    {
        int nb = count ?? 80 * d;
        if (d > t.Count)
        {
            throw new ArgumentException(
                $"{learner}: {d} features but only {t.Count} triplets; the triplet-difference basis needs at least as " +
                "many triplets as features. Reduce the dimension or give more triplets.");
        }

        var rng = new Rng(seed);
        var basis = new double[nb * d];
        var pick = Enumerable.Range(0, t.Count).ToArray();
        var (ta, tp, tn) = (t.Anchor, t.Positive, t.Negative);
        int filled = 0;
        while (filled < nb)
        {
            rng.Shuffle(pick.AsSpan()); // the first d entries: d distinct random triplets
            var s = new double[d * d];
            var (u, v) = (new double[d], new double[d]);
            for (int r = 0; r < d; r++)
            {
                int k = pick[r];
                TensorPrimitives.Subtract(x.AsSpan(ta[k] * d, d), x.AsSpan(tp[k] * d, d), u);
                TensorPrimitives.Subtract(x.AsSpan(ta[k] * d, d), x.AsSpan(tn[k] * d, d), v);
                for (int i = 0; i < d; i++)
                {
                    TensorPrimitives.MultiplyAdd(u, u[i], s.AsSpan(i * d, d), s.AsSpan(i * d, d));
                    TensorPrimitives.MultiplyAdd(v, -v[i], s.AsSpan(i * d, d), s.AsSpan(i * d, d));
                }
            }

            var (w, vec) = Linalg.SymmetricEigen(Dense.TransposeMatMul(s, d, d, s, d), d);
            double tol = w[^1] * d * Linalg.MachineEpsilon;
            for (int col = d - 1; col >= 0 && filled < nb; col--)
            {
                if (w[col] > tol)
                {
                    for (int j = 0; j < d; j++)
                    {
                        basis[filled * d + j] = vec[j * d + col];
                    }

                    filled++;
                }
            }
        }

        return (basis, nb);
    }

    /// <summary>
    /// Local LDA bases: k-means centres (⌈count / (2·e)⌉ of them, e = min(C - 1, d)), and for each centre and each of
    /// two scales (10 and 20 nearest points per class, or 20 and 50 above 50 features) the e unit-normalised LDA
    /// directions of those points. Default count min(20·d, 2·n·e - 1).
    /// </summary>
    public static (double[] Basis, int Count) Lda(double[] x, int n, int d, int[] labels, int? count, ulong seed,
        string learner)
    {
        var (classes, index) = Input.Encode(labels);
        int e = Math.Min(classes.Length - 1, d);
        if (e < 1)
        {
            throw new ArgumentException($"{learner}: the LDA basis needs at least two classes.");
        }

        int nb = count ?? Math.Min(20 * d, n * 2 * e - 1);
        if (nb >= n * 2 * e)
        {
            throw new ArgumentException(
                $"{learner}: not enough samples for {nb} LDA bases; the basis count must be below {n * 2 * e}.");
        }

        int clusters = (nb + 2 * e - 1) / (2 * e);
        var centres = KMeans.Fit(x, n, d, clusters, seed);
        int[] scales = d > 50 ? [20, 50] : [10, 20];
        var members = Enumerable.Range(0, classes.Length)
            .Select(c => Enumerable.Range(0, n).Where(i => index[i] == c).ToArray()).ToArray();
        var basis = new double[nb * d];
        for (int s = 0; s < 2; s++)
        {
            for (int cl = 0; cl < clusters; cl++)
            {
                int start = (s * clusters + cl) * e;
                if (start >= nb)
                {
                    break;
                }

                var idx = members.SelectMany(m => Nearest(x, d, centres.AsSpan(cl * d, d), m, scales[s])).ToArray();
                var (rows, rank) = LdaDirections.Scalings(Dense.Rows(x, d, idx), idx.Length, d,
                    idx.Select(i => index[i]).ToArray());
                for (int r = 0; r < Math.Min(rank, e) && start + r < nb; r++)
                {
                    var dst = basis.AsSpan((start + r) * d, d);
                    rows.AsSpan(r * d, d).CopyTo(dst);
                    double norm = Math.Sqrt(Reduce.Dot(dst, dst));
                    TensorPrimitives.Divide(dst, norm > 0 ? norm : 1, dst);
                }
            }
        }

        return (basis, nb);
    }

    // The k rows of `pool` nearest to the centre (ties by index).
    private static int[] Nearest(double[] x, int d, ReadOnlySpan<double> centre, int[] pool, int k)
    {
        var c = centre.ToArray();
        return pool.Select(i => (Dist: Sq(x, d, i, c), Index: i)).OrderBy(p => p.Dist).ThenBy(p => p.Index)
            .Take(Math.Min(k, pool.Length)).Select(p => p.Index).ToArray();
    }

    private static double Sq(double[] x, int d, int i, double[] c)
    {
        double s = 0;
        for (int t = 0; t < d; t++)
        {
            double diff = x[i * d + t] - c[t];
            s += diff * diff;
        }

        return s;
    }
}
