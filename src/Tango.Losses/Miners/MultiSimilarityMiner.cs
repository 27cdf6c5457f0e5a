using Tango.Losses.Distances;

namespace Tango.Losses.Miners;

/// <summary>
/// The pair mining of the multi-similarity loss (Wang et al. 2019, "Multi-Similarity Loss with General Pair
/// Weighting", eq. 5–6; PML's <c>MultiSimilarityMiner</c>): a positive pair is kept when it is less similar than
/// the anchor's most similar negative plus ε (s_ap − ε &lt; max s_an), a negative pair when it is more similar than
/// the anchor's least similar positive minus ε (s_an + ε &gt; min s_ap); mirrored for a distance. Cosine by default.
/// </summary>
public sealed class MultiSimilarityMiner : PairMiner
{
    /// <summary>Creates the miner (PML defaults: ε = 0.1, cosine similarity).</summary>
    public MultiSimilarityMiner(float epsilon = 0.1f, Distance? distance = null)
        : base(distance ?? new CosineSimilarity())
    {
        Epsilon = epsilon;
    }

    /// <summary>The slack ε.</summary>
    public float Epsilon { get; }

    /// <inheritdoc/>
    protected override PairIndices MinePairs(LossInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var pairs = new PairSet(input);
        if (pairs.PositiveCount == 0 || pairs.NegativeCount == 0)
        {
            return PairIndices.Empty;
        }

        var mat = MatrixValues(input);
        int n = input.BatchSize, m = input.ReferenceSize;
        var isPos = pairs.PositiveMask;
        var isNeg = pairs.NegativeMask;

        // Per row: the hardest negative (closest) and the hardest positive (farthest).
        var (a1, p, a2, neg) = (new List<int>(), new List<int>(), new List<int>(), new List<int>());
        for (int i = 0; i < n; i++)
        {
            var row = mat.AsSpan(i * m, m);
            float hardestNeg = Extreme(row, isNeg.AsSpan(i * m, m), closest: true);
            float hardestPos = Extreme(row, isPos.AsSpan(i * m, m), closest: false);
            for (int j = 0; j < m; j++)
            {
                if (isPos[i * m + j] != 0 && Distance.IsCloser(hardestNeg, Shift(row[j], +1)))
                {
                    a1.Add(i);
                    p.Add(j);
                }

                if (isNeg[i * m + j] != 0 && Distance.IsCloser(Shift(row[j], -1), hardestPos))
                {
                    a2.Add(i);
                    neg.Add(j);
                }
            }
        }

        return new PairIndices([.. a1], [.. p], [.. a2], [.. neg]);
    }

    // v moved by ε towards "farther" (sign +1) or "closer" (sign −1).
    private float Shift(float v, int sign) => v + sign * Distance.Direction * Epsilon;

    private float Extreme(ReadOnlySpan<float> row, ReadOnlySpan<byte> keep, bool closest)
    {
        bool found = false;
        float best = 0;
        for (int j = 0; j < row.Length; j++)
        {
            if (keep[j] != 0 && (!found || Distance.IsCloser(row[j], best) == closest && row[j] != best))
            {
                (found, best) = (true, row[j]);
            }
        }

        return found ? best : (closest ? Far : Near);
    }

    // Values no pair can beat: what a row without candidates compares against (PML's ±finfo.max fill).
    private float Far => Distance.IsSimilarity ? float.MinValue : float.MaxValue;

    private float Near => Distance.IsSimilarity ? float.MaxValue : float.MinValue;
}
