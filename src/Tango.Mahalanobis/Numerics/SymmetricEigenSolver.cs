using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tango.Mahalanobis.Numerics;

/// <summary>
/// A fast symmetric eigen-decomposition for the small matrices that MMC and LSML decompose thousands of times
/// (one per projection or trial step). MathNet's managed EVD is ~5× slower than LAPACK's <c>dsyevd</c> at d = 64,
/// which alone would make MMC slower than metric-learn; this solver keeps every inner loop on contiguous rows so
/// it vectorises. Algorithm: Householder tridiagonalisation (Golub and Van Loan, Alg. 8.3.1), backward
/// accumulation of Qᵀ, and the implicit QL iteration with Wilkinson-type shifts of EISPACK's <c>tql2</c>
/// (Bowdler, Martin, Reinsch and Wilkinson 1968), applying each rotation to two rows of Vᵀ. It is tested against
/// MathNet's <see cref="Linalg.SymmetricEigen"/>, which stays the general-purpose path.
/// </summary>
internal static class SymmetricEigenSolver
{
    /// <summary>
    /// a: (n, n) symmetric, row-major (overwritten) -> eigenvalues ascending in <paramref name="w"/> and the
    /// eigenvectors as the rows of <paramref name="vt"/> (row k belongs to w[k]).
    /// </summary>
    public static void Decompose(Span<double> a, int n, Span<double> w, Span<double> vt)
    {
        var e = new double[n];
        var beta = new double[n];
        Tridiagonalize(a, n, w, e, beta);
        AccumulateQt(a, n, beta, vt);
        Ql(n, w, e, vt);
        SortAscending(n, w, vt);
    }

    /// <summary>The projection onto the PSD cone, V max(Λ, 0) Vᵀ, of a symmetric (n, n) matrix, in place.</summary>
    public static void ProjectPsd(Span<double> a, int n)
    {
        var w = new double[n];
        var vt = new double[n * n];
        Decompose(a, n, w, vt);
        Reconstruct(w, vt, n, a, v => Math.Max(v, 0));
    }

    /// <summary>V diag(f(w)) Vᵀ from eigenvectors stored as rows of vt -> out: (n, n).</summary>
    public static void Reconstruct(ReadOnlySpan<double> w, ReadOnlySpan<double> vt, int n, Span<double> result,
        Func<double, double> f)
    {
        result[..(n * n)].Clear();
        for (int k = 0; k < n; k++)
        {
            double fk = f(w[k]);
            if (fk == 0)
            {
                continue;
            }

            var v = vt.Slice(k * n, n);
            for (int i = 0; i < n; i++)
            {
                TensorPrimitives.MultiplyAdd(v, fk * v[i], result.Slice(i * n, n), result.Slice(i * n, n));
            }
        }
    }

    // Reduces a to tridiagonal T = Qᵀ A Q: diagonal d, sub-diagonal e (e[i] couples i and i + 1, e[n-1] = 0).
    // The Householder vector of step k (acting on indices k+1..n-1) is left in row k of a, its β in beta[k].
    private static void Tridiagonalize(Span<double> a, int n, Span<double> d, Span<double> e, Span<double> beta)
    {
        var p = new double[n];
        for (int k = 0; k < n - 2; k++)
        {
            int m = n - k - 1;
            var x = a.Slice(k * n + k + 1, m);
            double sigma = Reduce.Dot(x[1..], x[1..]);
            d[k] = a[k * n + k];
            if (sigma == 0)
            {
                e[k] = x[0];
                beta[k] = 0;
                continue;
            }

            double norm = Math.Sqrt(x[0] * x[0] + sigma);
            double alpha = x[0] <= 0 ? norm : -norm;
            x[0] -= alpha; // v = x - αe₁, then H = I - β v vᵀ maps x to αe₁
            double b = 2.0 / Reduce.Dot(x, x);
            e[k] = alpha;
            beta[k] = b;

            // p = β S v, q = p - (β/2)(pᵀv) v, S -= v qᵀ + q vᵀ on the trailing (m, m) block.
            var pv = p.AsSpan(0, m);
            for (int i = 0; i < m; i++)
            {
                pv[i] = b * Reduce.Dot(a.Slice((k + 1 + i) * n + k + 1, m), x);
            }

            double scale = 0.5 * b * Reduce.Dot(pv, x);
            TensorPrimitives.MultiplyAdd(x, -scale, pv, pv);
            for (int i = 0; i < m; i++)
            {
                Rank2(a.Slice((k + 1 + i) * n + k + 1, m), pv, x[i], x, pv[i]);
            }
        }

        if (n >= 2)
        {
            d[n - 2] = a[(n - 2) * n + n - 2];
            e[n - 2] = a[(n - 2) * n + n - 1];
        }

        d[n - 1] = a[(n - 1) * n + n - 1];
        e[n - 1] = 0;
    }

    // vt = Qᵀ = H_{n-3}···H_0, built as ((I·H_{n-3})···H_0) so each step touches only the trailing block.
    private static void AccumulateQt(ReadOnlySpan<double> a, int n, ReadOnlySpan<double> beta, Span<double> vt)
    {
        vt[..(n * n)].Clear();
        for (int i = 0; i < n; i++)
        {
            vt[i * n + i] = 1;
        }

        for (int k = n - 3; k >= 0; k--)
        {
            if (beta[k] == 0)
            {
                continue;
            }

            int m = n - k - 1;
            var v = a.Slice(k * n + k + 1, m);
            for (int i = k + 1; i < n; i++)
            {
                var row = vt.Slice(i * n + k + 1, m);
                double s = beta[k] * Reduce.Dot(row, v);
                TensorPrimitives.MultiplyAdd(v, -s, row, row);
            }
        }
    }

    // EISPACK tql2: implicit QL on (d, e); each rotation mixes two rows of vt.
    private static void Ql(int n, Span<double> d, Span<double> e, Span<double> vt)
    {
        const double eps = 2.220446049250313e-16;
        double f = 0, tst1 = 0;
        for (int l = 0; l < n; l++)
        {
            tst1 = Math.Max(tst1, Math.Abs(d[l]) + Math.Abs(e[l]));
            int m = l;
            while (m < n - 1 && Math.Abs(e[m]) > eps * tst1)
            {
                m++;
            }

            if (m > l)
            {
                int iterations = 0;
                do
                {
                    if (++iterations > 60)
                    {
                        throw new InvalidOperationException("Symmetric eigen-decomposition did not converge.");
                    }

                    double g = d[l];
                    double p = (d[l + 1] - g) / (2 * e[l]);
                    double r = double.Hypot(p, 1);
                    r = p < 0 ? -r : r;
                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    double dl1 = d[l + 1];
                    double h = g - d[l];
                    for (int i = l + 2; i < n; i++)
                    {
                        d[i] -= h;
                    }

                    f += h;
                    p = d[m];
                    double c = 1, c2 = 1, c3 = 1, el1 = e[l + 1], s = 0, s2 = 0;
                    for (int i = m - 1; i >= l; i--)
                    {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = double.Hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);
                        Rotate(vt.Slice(i * n, n), vt.Slice((i + 1) * n, n), c, s);
                    }

                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                }
                while (Math.Abs(e[l]) > eps * tst1);
            }

            d[l] += f;
            e[l] = 0;
        }
    }

    // (row_i, row_{i+1}) <- (c·row_i - s·row_{i+1}, s·row_i + c·row_{i+1}), one fused pass.
    private static void Rotate(Span<double> ri, Span<double> rj, double c, double s)
    {
        int n = ri.Length, k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var (vc, vs) = (Vector256.Create(c), Vector256.Create(s));
            ref double a = ref MemoryMarshal.GetReference(ri);
            ref double b = ref MemoryMarshal.GetReference(rj);
            for (; k + 4 <= n; k += 4)
            {
                var x = Vector256.LoadUnsafe(ref a, (nuint)k);
                var y = Vector256.LoadUnsafe(ref b, (nuint)k);
                (vc * x - vs * y).StoreUnsafe(ref a, (nuint)k);
                (vs * x + vc * y).StoreUnsafe(ref b, (nuint)k);
            }
        }

        for (; k < n; k++)
        {
            double x = ri[k], y = rj[k];
            ri[k] = c * x - s * y;
            rj[k] = s * x + c * y;
        }
    }

    // row -= u·a + v·b (the symmetric rank-2 update of one row), one fused pass.
    private static void Rank2(Span<double> row, ReadOnlySpan<double> u, double a, ReadOnlySpan<double> v, double b)
    {
        int n = row.Length, k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var (va, vb) = (Vector256.Create(a), Vector256.Create(b));
            ref double r = ref MemoryMarshal.GetReference(row);
            ref double pu = ref MemoryMarshal.GetReference(u);
            ref double pv = ref MemoryMarshal.GetReference(v);
            for (; k + 4 <= n; k += 4)
            {
                var x = Vector256.LoadUnsafe(ref r, (nuint)k);
                x -= Vector256.LoadUnsafe(ref pu, (nuint)k) * va + Vector256.LoadUnsafe(ref pv, (nuint)k) * vb;
                x.StoreUnsafe(ref r, (nuint)k);
            }
        }

        for (; k < n; k++)
        {
            row[k] -= u[k] * a + v[k] * b;
        }
    }

    private static void SortAscending(int n, Span<double> w, Span<double> vt)
    {
        var tmp = new double[n];
        for (int i = 0; i < n - 1; i++)
        {
            int k = i;
            for (int j = i + 1; j < n; j++)
            {
                k = w[j] < w[k] ? j : k;
            }

            if (k != i)
            {
                (w[i], w[k]) = (w[k], w[i]);
                vt.Slice(i * n, n).CopyTo(tmp);
                vt.Slice(k * n, n).CopyTo(vt.Slice(i * n, n));
                tmp.CopyTo(vt.Slice(k * n, n));
            }
        }
    }
}
