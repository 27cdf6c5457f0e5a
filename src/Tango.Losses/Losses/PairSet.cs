namespace Tango.Losses;

/// <summary>
/// The positive and negative pairs of a <see cref="PairLoss"/> call, in the form a loss needs: as index lists
/// (<see cref="Indices"/>; the caller's tuples or all pairs from the labels, row-major as PML) or as (batch ×
/// reference) 0/1 masks (<see cref="PositiveMask"/>, <see cref="NegativeMask"/>; a repeated pair counts once, as
/// in PML's mask-based losses). Each form is built on first use; without tuples the masks come straight from the
/// labels, so a mask-based loss never builds pair lists.
/// </summary>
public sealed class PairSet
{
    private readonly LossInput _input;
    private PairIndices? _indices;
    private byte[]? _positive;
    private byte[]? _negative;
    private (int Positive, int Negative)? _counts;

    internal PairSet(LossInput input)
    {
        _input = input;
    }

    /// <summary>The pairs as index lists.</summary>
    public PairIndices Indices => _indices ??= _input.Pairs();

    /// <summary>1 at (anchor, positive) for every positive pair.</summary>
    public byte[] PositiveMask => _positive ??= Build(positive: true);

    /// <summary>1 at (anchor, negative) for every negative pair.</summary>
    public byte[] NegativeMask => _negative ??= Build(positive: false);

    /// <summary>The number of positive pairs (with repeats, for given tuples).</summary>
    public int PositiveCount => Counts().Positive;

    /// <summary>The number of negative pairs.</summary>
    public int NegativeCount => Counts().Negative;

    /// <summary>True when there is no pair at all.</summary>
    public bool IsEmpty => PositiveCount == 0 && NegativeCount == 0;

    private (int Positive, int Negative) Counts()
    {
        if (_counts is { } counts)
        {
            return counts;
        }

        if (_input.Tuples is not null)
        {
            _counts = (Indices.PositiveCount, Indices.NegativeCount);
            return _counts.Value;
        }

        var labels = _input.RequireLabels("All pairs");
        var refLabels = _input.ReferenceLabels!;
        int pos = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            for (int j = 0; j < refLabels.Length; j++)
            {
                pos += labels[i] == refLabels[j] && !(_input.ExcludeSelf && i == j) ? 1 : 0;
            }
        }

        int same = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            for (int j = 0; j < refLabels.Length; j++)
            {
                same += labels[i] == refLabels[j] ? 1 : 0;
            }
        }

        _counts = (pos, labels.Length * refLabels.Length - same);
        return _counts.Value;
    }

    private byte[] Build(bool positive)
    {
        int n = _input.BatchSize, m = _input.ReferenceSize;
        var mask = new byte[n * m];
        if (_input.Tuples is not null)
        {
            var (a, b) = positive ? (Indices.A1, Indices.P) : (Indices.A2, Indices.N);
            for (int k = 0; k < a.Length; k++)
            {
                mask[a[k] * m + b[k]] = 1;
            }

            return mask;
        }

        var labels = _input.RequireLabels("All pairs");
        var refLabels = _input.ReferenceLabels!;
        for (int i = 0; i < n; i++)
        {
            var row = mask.AsSpan(i * m, m);
            for (int j = 0; j < m; j++)
            {
                bool same = labels[i] == refLabels[j];
                row[j] = positive ? (byte)(same ? 1 : 0) : (byte)(same ? 0 : 1);
            }

            if (positive && _input.ExcludeSelf && i < m)
            {
                row[i] = 0;
            }
        }

        return mask;
    }
}
