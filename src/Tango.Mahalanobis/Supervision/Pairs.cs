using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis;

/// <summary>
/// Pairs of rows of a data matrix, by index, with optional labels: +1 for a similar pair, -1 for a dissimilar
/// one (metric-learn's pair supervision, in its preprocessor form). Labels are required to fit and to calibrate;
/// prediction ignores them.
/// </summary>
public sealed class Pairs
{
    private readonly int[] _first;
    private readonly int[] _second;
    private readonly int[]? _labels;

    /// <summary>Creates pairs (first[i], second[i]) with optional ±1 labels.</summary>
    public Pairs(int[] first, int[] second, int[]? labels = null)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Length != second.Length)
        {
            throw new ArgumentException(
                $"Pairs: first has {first.Length} indices but second has {second.Length}.", nameof(second));
        }

        if (labels is not null)
        {
            if (labels.Length != first.Length)
            {
                throw new ArgumentException(
                    $"Pairs: {first.Length} pairs but {labels.Length} labels.", nameof(labels));
            }

            for (int i = 0; i < labels.Length; i++)
            {
                if (labels[i] != 1 && labels[i] != -1)
                {
                    throw new ArgumentException(
                        $"Pairs: labels[{i}] = {labels[i]}; pair labels must be +1 (similar) or -1 (dissimilar).",
                        nameof(labels));
                }
            }
        }

        _first = (int[])first.Clone();
        _second = (int[])second.Clone();
        _labels = (int[]?)labels?.Clone();
    }

    /// <summary>Number of pairs.</summary>
    public int Count => _first.Length;

    /// <summary>Row index of each pair's first point (a copy).</summary>
    public int[] First => (int[])_first.Clone();

    /// <summary>Row index of each pair's second point (a copy).</summary>
    public int[] Second => (int[])_second.Clone();

    /// <summary>±1 labels, or null for unlabelled pairs (a copy).</summary>
    public int[]? Labels => (int[]?)_labels?.Clone();

    /// <summary>Whether the pairs carry labels.</summary>
    public bool HasLabels => _labels is not null;

    internal ReadOnlySpan<int> FirstSpan => _first;

    internal ReadOnlySpan<int> SecondSpan => _second;

    internal ReadOnlySpan<int> LabelSpan => _labels ?? throw new InvalidOperationException(
        "Pairs: these pairs have no labels; give ±1 labels to fit or calibrate.");

    /// <summary>The two points of each pair as rows of two matrices.</summary>
    public (double[,] Left, double[,] Right) Points(double[,] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        int n = x.GetLength(0), d = x.GetLength(1);
        Input.Indices(_first, n, nameof(Pairs), "first");
        Input.Indices(_second, n, nameof(Pairs), "second");
        var left = new double[Count, d];
        var right = new double[Count, d];
        for (int i = 0; i < Count; i++)
        {
            for (int j = 0; j < d; j++)
            {
                left[i, j] = x[_first[i], j];
                right[i, j] = x[_second[i], j];
            }
        }

        return (left, right);
    }

    internal void Validate(int n, string learner, bool needLabels)
    {
        Input.Indices(_first, n, learner, "pairs.First");
        Input.Indices(_second, n, learner, "pairs.Second");
        if (needLabels && _labels is null)
        {
            throw new ArgumentException($"{learner}: the pairs have no labels; give ±1 labels to fit.");
        }
    }
}
