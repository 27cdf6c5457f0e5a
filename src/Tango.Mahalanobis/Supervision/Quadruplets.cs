using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis;

/// <summary>
/// Quadruplets of rows (a, b, c, d), by index: the pair (a, b) should be closer than the pair (c, d)
/// (metric-learn's quadruplet supervision, used by LSML).
/// </summary>
public sealed class Quadruplets
{
    private readonly int[][] _columns;

    /// <summary>Creates quadruplets (a[i], b[i], c[i], d[i]).</summary>
    public Quadruplets(int[] a, int[] b, int[] c, int[] d)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(d);
        if (a.Length != b.Length || a.Length != c.Length || a.Length != d.Length)
        {
            throw new ArgumentException(
                $"Quadruplets: a, b, c, d have {a.Length}, {b.Length}, {c.Length} and {d.Length} indices; " +
                "they must have the same length.");
        }

        _columns = [(int[])a.Clone(), (int[])b.Clone(), (int[])c.Clone(), (int[])d.Clone()];
    }

    /// <summary>Number of quadruplets.</summary>
    public int Count => _columns[0].Length;

    /// <summary>First point of the closer pair (a copy).</summary>
    public int[] A => (int[])_columns[0].Clone();

    /// <summary>Second point of the closer pair (a copy).</summary>
    public int[] B => (int[])_columns[1].Clone();

    /// <summary>First point of the farther pair (a copy).</summary>
    public int[] C => (int[])_columns[2].Clone();

    /// <summary>Second point of the farther pair (a copy).</summary>
    public int[] D => (int[])_columns[3].Clone();

    internal ReadOnlySpan<int> Column(int k) => _columns[k];

    internal void Validate(int n, string learner)
    {
        string[] names = ["A", "B", "C", "D"];
        for (int k = 0; k < 4; k++)
        {
            Input.Indices(_columns[k], n, learner, "quadruplets." + names[k]);
        }
    }
}
