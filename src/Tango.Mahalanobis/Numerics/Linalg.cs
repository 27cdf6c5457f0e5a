using MathNet.Numerics.LinearAlgebra;

namespace Tango.Mahalanobis.Numerics;

/// <summary>
/// Dense symmetric linear algebra over row-major flat matrices, delegating the decompositions (symmetric
/// eigen-decomposition, Cholesky, LU) to MathNet.Numerics. A symmetric row-major matrix is its own column-major
/// layout, so it passes to MathNet without a copy of the logic.
/// </summary>
internal static class Linalg
{
    /// <summary>The spacing of doubles at 1 (numpy's <c>finfo(float).eps</c>).</summary>
    public const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>Eigenvalues ascending, and the eigenvectors as the columns of a row-major (d, d) matrix.</summary>
    public static (double[] Values, double[] Vectors) SymmetricEigen(ReadOnlySpan<double> a, int d)
    {
        var m = Matrix<double>.Build.Dense(d, d, a.ToArray());
        var evd = m.Evd(Symmetricity.Symmetric);
        var w = new double[d];
        var order = new int[d];
        for (int i = 0; i < d; i++)
        {
            w[i] = evd.EigenValues[i].Real;
            order[i] = i;
        }

        Array.Sort((double[])w.Clone(), order);
        var values = new double[d];
        var vectors = new double[d * d];
        var ev = evd.EigenVectors;
        for (int c = 0; c < d; c++)
        {
            values[c] = w[order[c]];
            for (int r = 0; r < d; r++)
            {
                vectors[r * d + c] = ev[r, order[c]];
            }
        }

        return (values, vectors);
    }

    /// <summary>V diag(f(w)) Vᵀ for a symmetric eigen-decomposition (columns of <paramref name="v"/>).</summary>
    public static double[] Reconstruct(ReadOnlySpan<double> w, ReadOnlySpan<double> v, int d, Func<double, double> f)
    {
        var vw = new double[d * d];
        for (int r = 0; r < d; r++)
        {
            for (int c = 0; c < d; c++)
            {
                vw[r * d + c] = v[r * d + c] * f(w[c]);
            }
        }

        var result = Dense.MatMul(vw, d, d, Dense.Transpose(v, d, d), d);
        Dense.Symmetrize(result, d);
        return result;
    }

    /// <summary>
    /// Pseudo-inverse of a symmetric matrix from its eigenvalues: eigenvalues with |w| ≤ max(w)·d·eps are
    /// treated as zero (metric-learn's <c>_pseudo_inverse_from_eig</c> cut-off).
    /// </summary>
    public static double[] PseudoInverseFromEigen(ReadOnlySpan<double> w, ReadOnlySpan<double> v, int d)
    {
        double max = double.NegativeInfinity;
        foreach (double x in w)
        {
            max = Math.Max(max, x);
        }

        double tol = max * d * MachineEpsilon;
        return Reconstruct(w, v, d, x => Math.Abs(x) > tol ? 1.0 / x : 0.0);
    }

    /// <summary>
    /// Pseudo-inverse of a symmetric matrix with scipy's <c>pinvh</c> cut-off: |w| ≤ d·eps·max|w| is zero.
    /// </summary>
    public static double[] PseudoInverse(ReadOnlySpan<double> a, int d)
    {
        var (w, v) = SymmetricEigen(a, d);
        double maxAbs = 0;
        foreach (double x in w)
        {
            maxAbs = Math.Max(maxAbs, Math.Abs(x));
        }

        double tol = d * MachineEpsilon * maxAbs;
        return Reconstruct(w, v, d, x => Math.Abs(x) > tol ? 1.0 / x : 0.0);
    }

    /// <summary>
    /// Whether a symmetric matrix with eigenvalues <paramref name="w"/> is positive definite; throws when it is
    /// not positive semi-definite. Tolerance max|w|·d·eps (metric-learn's <c>_check_sdp_from_eigen</c>).
    /// </summary>
    public static bool IsDefiniteFromEigen(ReadOnlySpan<double> w)
    {
        double maxAbs = 0;
        foreach (double x in w)
        {
            maxAbs = Math.Max(maxAbs, Math.Abs(x));
        }

        double tol = maxAbs * w.Length * MachineEpsilon;
        bool definite = true;
        foreach (double x in w)
        {
            if (x < -tol)
            {
                throw new ArgumentException(
                    $"The matrix is not positive semi-definite (eigenvalue {x:G4} < -{tol:G3}).");
            }

            definite &= Math.Abs(x) >= tol;
        }

        return definite;
    }

    /// <summary>
    /// The symmetric-definite generalized problem A v = λ B v (scipy's <c>eigh(a, b)</c>): eigenvalues ascending and
    /// B-orthonormal eigenvectors (vᵀ B v = 1) as columns, through the Cholesky factor B = C Cᵀ and the standard
    /// problem C⁻¹ A C⁻ᵀ u = λ u, v = C⁻ᵀ u. Null when B is not positive definite.
    /// </summary>
    public static (double[] Values, double[] Vectors)? GeneralizedSymmetricEigen(ReadOnlySpan<double> a,
        ReadOnlySpan<double> b, int d)
    {
        var c = Cholesky(b, d);
        if (c is null)
        {
            return null;
        }

        var cInv = Matrix<double>.Build.Dense(d, d, Dense.Transpose(c, d, d)).Inverse(); // column-major C
        var ci = new double[d * d];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                ci[i * d + j] = cInv[i, j];
            }
        }

        var reduced = Dense.MatMul(Dense.MatMul(ci, d, d, a, d), d, d, Dense.Transpose(ci, d, d), d);
        Dense.Symmetrize(reduced, d);
        var (w, u) = SymmetricEigen(reduced, d);
        var v = Dense.MatMul(Dense.Transpose(ci, d, d), d, d, u, d);
        return (w, v);
    }

    /// <summary>Lower Cholesky factor C (M = C Cᵀ), or null when M is not positive definite.</summary>
    public static double[]? Cholesky(ReadOnlySpan<double> a, int d)
    {
        var m = Matrix<double>.Build.Dense(d, d, a.ToArray());
        try
        {
            var factor = m.Cholesky().Factor;
            var c = new double[d * d];
            for (int i = 0; i < d; i++)
            {
                for (int j = 0; j <= i; j++)
                {
                    c[i * d + j] = factor[i, j];
                }
            }

            foreach (double x in c)
            {
                if (!double.IsFinite(x))
                {
                    return null;
                }
            }

            return c;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Inverse of a square matrix (LU), row-major.</summary>
    public static double[] Inverse(ReadOnlySpan<double> a, int d)
    {
        var m = Matrix<double>.Build.Dense(d, d, a.ToArray()).Transpose();
        var inv = m.Inverse();
        var r = new double[d * d];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                r[i * d + j] = inv[i, j];
            }
        }

        return r;
    }

    /// <summary>Sign and log of |det| of a square matrix (LU), like numpy's <c>slogdet</c>.</summary>
    public static (double Sign, double LogAbsDet) SignLogDet(ReadOnlySpan<double> a, int d)
    {
        var lu = Matrix<double>.Build.Dense(d, d, a.ToArray()).LU();
        double sign = 1, log = 0;
        var u = lu.U;
        for (int i = 0; i < d; i++)
        {
            double uii = u[i, i];
            if (uii == 0)
            {
                return (0, double.NegativeInfinity);
            }

            sign *= Math.Sign(uii);
            log += Math.Log(Math.Abs(uii));
        }

        // Sign of the row permutation: (-1)^(d - number of cycles).
        var p = lu.P;
        var seen = new bool[d];
        for (int i = 0; i < d; i++)
        {
            if (seen[i])
            {
                continue;
            }

            int length = 0;
            for (int j = i; !seen[j]; j = p[j])
            {
                seen[j] = true;
                length++;
            }

            if (length % 2 == 0)
            {
                sign = -sign;
            }
        }

        return (sign, log);
    }
}
