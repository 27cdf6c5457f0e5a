using Tango.Losses.Distances;

namespace Tango.Losses.Miners;

/// <summary>
/// One positive and one negative per anchor, each picked by a strategy (Xuan et al. 2020, "Improved Embeddings
/// with Easy Positive Triplet Mining"; PML's <c>BatchEasyHardMiner</c>), optionally only among values inside
/// allowed ranges. Semi-hard picks the hardest candidate that is still easier than the other side's pick. Returns
/// pairs (a, p, a, n) for anchors that got both; with an All strategy that side's pairs are returned whole.
/// </summary>
public sealed class BatchEasyHardMiner : PairMiner
{
    /// <summary>Creates the miner (PML defaults: easy positives, semi-hard negatives, Euclidean distance).</summary>
    public BatchEasyHardMiner(BatchMiningStrategy posStrategy = BatchMiningStrategy.Easy,
        BatchMiningStrategy negStrategy = BatchMiningStrategy.SemiHard, (float Low, float High)? allowedPosRange = null,
        (float Low, float High)? allowedNegRange = null, Distance? distance = null)
        : base(distance ?? new LpDistance())
    {
        if (posStrategy == BatchMiningStrategy.SemiHard && negStrategy == BatchMiningStrategy.SemiHard)
        {
            throw new ArgumentException("BatchEasyHardMiner: posStrategy and negStrategy cannot both be SemiHard.");
        }

        if ((posStrategy == BatchMiningStrategy.All && negStrategy == BatchMiningStrategy.SemiHard)
            || (negStrategy == BatchMiningStrategy.All && posStrategy == BatchMiningStrategy.SemiHard))
        {
            throw new ArgumentException("BatchEasyHardMiner: SemiHard cannot be combined with All.");
        }

        PosStrategy = posStrategy;
        NegStrategy = negStrategy;
        AllowedPosRange = allowedPosRange;
        AllowedNegRange = allowedNegRange;
    }

    /// <summary>How positives are picked.</summary>
    public BatchMiningStrategy PosStrategy { get; }

    /// <summary>How negatives are picked.</summary>
    public BatchMiningStrategy NegStrategy { get; }

    /// <summary>Only positive values inside this range are candidates (null: any).</summary>
    public (float Low, float High)? AllowedPosRange { get; }

    /// <summary>Only negative values inside this range are candidates (null: any).</summary>
    public (float Low, float High)? AllowedNegRange { get; }

    /// <summary>Mines from an already validated input (for miners built on this one).</summary>
    internal PairIndices MineFrom(LossInput input) => MinePairs(input);

    /// <inheritdoc/>
    protected override PairIndices MinePairs(LossInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var mat = MatrixValues(input);
        var all = input.Pairs();
        int n = input.BatchSize, m = input.ReferenceSize;
        var posMask = Mask(n, m, all.A1, all.P);
        var negMask = Mask(n, m, all.A2, all.N);
        Pick? pos = null, neg = null;
        if (PosStrategy == BatchMiningStrategy.SemiHard && NegStrategy != BatchMiningStrategy.All)
        {
            neg = Negatives(mat, negMask, n, m, null);
            pos = Positives(mat, posMask, n, m, neg.Values);
        }
        else if (NegStrategy == BatchMiningStrategy.SemiHard && PosStrategy != BatchMiningStrategy.All)
        {
            pos = Positives(mat, posMask, n, m, null);
            neg = Negatives(mat, negMask, n, m, pos.Values);
        }
        else
        {
            pos = PosStrategy == BatchMiningStrategy.All ? null : Positives(mat, posMask, n, m, null);
            neg = NegStrategy == BatchMiningStrategy.All ? null : Negatives(mat, negMask, n, m, null);
        }

        return (pos, neg) switch
        {
            ({ } p, { } q) => Both(p, q),
            (null, { } q) => new PairIndices(all.A1, all.P, q.Anchors(), q.Chosen()),
            ({ } p, null) => new PairIndices(p.Anchors(), p.Chosen(), all.A2, all.N),
            _ => all,
        };
    }

    private static PairIndices Both(Pick pos, Pick neg)
    {
        var keep = Enumerable.Range(0, pos.Index.Length).Where(i => pos.Found[i] && neg.Found[i]).ToArray();
        return new PairIndices(keep, [.. keep.Select(i => pos.Index[i])], keep, [.. keep.Select(i => neg.Index[i])]);
    }

    // Hard/semi-hard positives are the farthest, easy ones the closest.
    private Pick Positives(float[] mat, byte[] mask, int n, int m, float[]? thresholds) =>
        PerRow(mat, mask, n, m, farthest: PosStrategy != BatchMiningStrategy.Easy, AllowedPosRange, thresholds);

    // Hard/semi-hard negatives are the closest, easy ones the farthest.
    private Pick Negatives(float[] mat, byte[] mask, int n, int m, float[]? thresholds) =>
        PerRow(mat, mask, n, m, farthest: NegStrategy == BatchMiningStrategy.Easy, AllowedNegRange, thresholds);

    // The extreme candidate per row (PML's get_x_per_row). A semi-hard threshold removes candidates on the wrong
    // side of the other pick's value (inclusive), a range removes values outside it. Ties go to the first column.
    private Pick PerRow(float[] mat, byte[] mask, int n, int m, bool farthest, (float Low, float High)? range,
        float[]? thresholds)
    {
        bool takeMax = farthest != Distance.IsSimilarity;
        var pick = new Pick(n);
        Array.Fill(pick.Values, takeMax ? float.MinValue : float.MaxValue);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                float v = mat[i * m + j];
                if (mask[i * m + j] == 0 || (range is { } r && (v > r.High || v < r.Low))
                    || (thresholds is not null && (takeMax ? v >= thresholds[i] : v <= thresholds[i])))
                {
                    continue;
                }

                if (!pick.Found[i] || (takeMax ? v > pick.Values[i] : v < pick.Values[i]))
                {
                    (pick.Found[i], pick.Values[i], pick.Index[i]) = (true, v, j);
                }
            }
        }

        return pick;
    }

    private static byte[] Mask(int n, int m, int[] a, int[] b)
    {
        var mask = new byte[n * m];
        for (int k = 0; k < a.Length; k++)
        {
            mask[a[k] * m + b[k]] = 1;
        }

        return mask;
    }

    private sealed class Pick(int n)
    {
        public bool[] Found { get; } = new bool[n];

        public float[] Values { get; } = new float[n];

        public int[] Index { get; } = new int[n];

        public int[] Anchors() => [.. Enumerable.Range(0, Found.Length).Where(i => Found[i])];

        public int[] Chosen() => [.. Enumerable.Range(0, Found.Length).Where(i => Found[i]).Select(i => Index[i])];
    }
}
