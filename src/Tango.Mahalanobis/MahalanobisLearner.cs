using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis;

/// <summary>
/// A learned Mahalanobis (pseudo-)distance d(x, x') = sqrt((x - x')ᵀ M (x - x')) with M = LᵀL, the design of
/// metric-learn's <c>MahalanobisMixin</c>: every learner produces one matrix L (<see cref="Components"/>, shape
/// (components, features)), and the transform, the Mahalanobis matrix, pair distances and the metric function all
/// derive from it. Inputs and outputs are <c>double[,]</c> (rows are samples); computations run in double
/// precision. <c>float[,]</c> overloads convert on the way in and out.
/// </summary>
public abstract class MahalanobisLearner
{
    private double[]? _components;
    private int _componentCount;
    private int _featureCount;

    /// <summary>A short name used in messages (the class name).</summary>
    public virtual string Name => GetType().Name;

    /// <summary>Whether <c>Fit</c> has completed.</summary>
    public bool IsFitted => _components is not null;

    /// <summary>Number of output dimensions of <see cref="Transform(double[,])"/> (rows of L).</summary>
    public int ComponentCount => Fitted()._componentCount;

    /// <summary>Number of input features the learner was fitted on (columns of L).</summary>
    public int FeatureCount => Fitted()._featureCount;

    /// <summary>Iterations the solver ran (metric-learn's <c>n_iter_</c>); 0 for closed-form learners.</summary>
    public int Iterations { get; protected set; }

    /// <summary>The learned linear map L, shape (components, features); a copy.</summary>
    public double[,] Components => Dense.ToArray(Fitted()._components!, _componentCount, _featureCount);

    /// <summary>The Mahalanobis matrix M = LᵀL, shape (features, features); a copy.</summary>
    public double[,] MahalanobisMatrix => Dense.ToArray(MahalanobisFlat(), _featureCount, _featureCount);

    /// <summary>L as a row-major span (internal callers must not write to it).</summary>
    internal ReadOnlySpan<double> ComponentsSpan => Fitted()._components;

    internal double[] MahalanobisFlat()
    {
        var l = Fitted()._components!;
        int c = _componentCount, d = _featureCount;
        return Dense.TransposeMatMul(l, c, d, l, d);
    }

    /// <summary>Embeds samples: x Lᵀ, shape (n, components).</summary>
    public double[,] Transform(double[,] x)
    {
        var flat = Input.Features(x, Name, 0);
        CheckFeatureCount(x.GetLength(1), nameof(x));
        return Dense.ToArray(TransformFlat(flat, x.GetLength(0)), x.GetLength(0), _componentCount);
    }

    /// <summary>Embeds single-precision samples (computed in double, rounded once).</summary>
    public float[,] Transform(float[,] x)
    {
        var flat = Input.Features(x, Name, 0);
        CheckFeatureCount(x.GetLength(1), nameof(x));
        int n = x.GetLength(0), c = ComponentCount;
        var z = TransformFlat(flat, n);
        var result = new float[n, c];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < c; j++)
            {
                result[i, j] = (float)z[i * c + j];
            }
        }

        return result;
    }

    internal double[] TransformFlat(ReadOnlySpan<double> x, int n) =>
        Dense.Project(x, n, _featureCount, Fitted()._components, _componentCount);

    /// <summary>Learned distance between row i of <paramref name="left"/> and row i of <paramref name="right"/>.</summary>
    public double[] PairDistance(double[,] left, double[,] right)
    {
        var a = Input.Features(left, Name, 0, nameof(left));
        var b = Input.Features(right, Name, 0, nameof(right));
        CheckFeatureCount(left.GetLength(1), nameof(left));
        CheckFeatureCount(right.GetLength(1), nameof(right));
        if (left.GetLength(0) != right.GetLength(0))
        {
            throw new ArgumentException(
                $"{Name}: left has {left.GetLength(0)} rows but right has {right.GetLength(0)}; pairs need both.");
        }

        for (int i = 0; i < a.Length; i++)
        {
            a[i] -= b[i];
        }

        return RowNorms(TransformFlat(a, left.GetLength(0)), _componentCount);
    }

    /// <summary>Learned distance of each pair of rows of <paramref name="x"/> named by <paramref name="pairs"/>.</summary>
    public double[] PairDistance(double[,] x, Pairs pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var (left, right) = pairs.Points(x);
        return PairDistance(left, right);
    }

    /// <summary>Similarity of each pair: the negated distance (larger means more similar).</summary>
    public double[] PairScore(double[,] left, double[,] right)
    {
        var d = PairDistance(left, right);
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = -d[i];
        }

        return d;
    }

    /// <summary>Similarity of each pair of rows of <paramref name="x"/>: the negated distance.</summary>
    public double[] PairScore(double[,] x, Pairs pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var (left, right) = pairs.Points(x);
        return PairScore(left, right);
    }

    /// <summary>
    /// The learned metric as a function of two vectors, independent of this learner (later fits do not change
    /// it); <paramref name="squared"/> skips the square root.
    /// </summary>
    public Func<double[], double[], double> GetMetric(bool squared = false)
    {
        var l = (double[])Fitted()._components!.Clone();
        int c = _componentCount, d = _featureCount;
        string name = Name;
        return (u, v) =>
        {
            ArgumentNullException.ThrowIfNull(u);
            ArgumentNullException.ThrowIfNull(v);
            if (u.Length != d || v.Length != d)
            {
                throw new ArgumentException(
                    $"{name} metric: vectors of length {u.Length} and {v.Length}; expected {d} features.");
            }

            double sum = 0;
            for (int r = 0; r < c; r++)
            {
                double t = 0;
                for (int j = 0; j < d; j++)
                {
                    t += l[r * d + j] * (u[j] - v[j]);
                }

                sum += t * t;
            }

            return squared ? sum : Math.Sqrt(sum);
        };
    }

    /// <summary>Stores the fitted L after checking it is finite (a learner never returns NaN components).</summary>
    internal void SetComponents(double[] l, int components, int features)
    {
        if (l.Length != components * features)
        {
            throw new InvalidOperationException($"{Name}: internal error, L has {l.Length} entries.");
        }

        foreach (double v in l)
        {
            if (!double.IsFinite(v))
            {
                throw new InvalidOperationException(
                    $"{Name}: the fit produced non-finite components; the problem is numerically degenerate. " +
                    "Standardise the features or remove constant and linearly dependent ones.");
            }
        }

        _components = l;
        _componentCount = components;
        _featureCount = features;
    }

    internal void CheckFeatureCount(int d, string name)
    {
        if (d != FeatureCount)
        {
            throw new ArgumentException(
                $"{Name}: {name} has {d} feature columns but the learner was fitted on {FeatureCount}.", name);
        }
    }

    private MahalanobisLearner Fitted()
    {
        if (_components is null)
        {
            throw new InvalidOperationException($"{Name} is not fitted yet; call Fit first.");
        }

        return this;
    }

    private static double[] RowNorms(ReadOnlySpan<double> z, int c)
    {
        int n = c == 0 ? 0 : z.Length / c;
        var norms = new double[n];
        for (int i = 0; i < n; i++)
        {
            norms[i] = Math.Sqrt(Dense.Dot(z.Slice(i * c, c), z.Slice(i * c, c)));
        }

        return norms;
    }
}
