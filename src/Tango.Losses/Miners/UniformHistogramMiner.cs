using Tango.Core;
using Tango.Losses.Distances;

namespace Tango.Losses.Miners;

/// <summary>
/// Pairs spread uniformly over the range of their distances (PML's <c>UniformHistogramMiner</c>): positive and
/// negative pair values are each split into <see cref="BinCount"/> equal-width bins between their min and max,
/// and every non-empty bin contributes <see cref="PosPerBin"/> (or <see cref="NegPerBin"/>) pairs drawn uniformly
/// with replacement. Random: sets differ from PML's (torch's generator); the counts and the rule agree.
/// </summary>
public sealed class UniformHistogramMiner : PairMiner
{
    private readonly Rng _rng;

    /// <summary>Creates the miner (PML defaults: 100 bins, 10 pairs per bin, Euclidean distance).</summary>
    public UniformHistogramMiner(int binCount = 100, int posPerBin = 10, int negPerBin = 10, Rng? rng = null,
        Distance? distance = null)
        : base(distance ?? new LpDistance())
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(binCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(posPerBin);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(negPerBin);
        BinCount = binCount;
        PosPerBin = posPerBin;
        NegPerBin = negPerBin;
        _rng = rng ?? new Rng(0);
    }

    /// <summary>The number of bins.</summary>
    public int BinCount { get; }

    /// <summary>Positive pairs drawn from each non-empty bin.</summary>
    public int PosPerBin { get; }

    /// <summary>Negative pairs drawn from each non-empty bin.</summary>
    public int NegPerBin { get; }

    /// <inheritdoc/>
    protected override PairIndices MinePairs(LossInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var mat = MatrixValues(input);
        int m = input.ReferenceSize;
        var all = input.Pairs();
        var (a1, p) = Sample(mat, m, all.A1, all.P, PosPerBin);
        var (a2, n) = Sample(mat, m, all.A2, all.N, NegPerBin);
        return new PairIndices(a1, p, a2, n);
    }

    /// <summary>
    /// The bin (0..BinCount−1) of each value; the last bin includes the maximum (torch.linspace edges).
    /// </summary>
    internal int[] Bins(float[] values)
    {
        float min = values.Min(), max = values.Max();
        var edges = new float[BinCount + 1];
        for (int b = 0; b <= BinCount; b++)
        {
            edges[b] = b == BinCount ? max : min + (max - min) * b / BinCount;
        }

        var bins = new int[values.Length];
        for (int k = 0; k < values.Length; k++)
        {
            int b = 0;
            while (b < BinCount - 1 && values[k] >= edges[b + 1])
            {
                b++;
            }

            bins[k] = b;
        }

        return bins;
    }

    private (int[], int[]) Sample(float[] mat, int m, int[] anchors, int[] others, int perBin)
    {
        if (anchors.Length == 0)
        {
            return ([], []);
        }

        var values = anchors.Select((a, k) => mat[a * m + others[k]]).ToArray();
        var byBin = Bins(values).Select((b, k) => (b, k)).GroupBy(t => t.b).OrderBy(g => g.Key);
        var (a, o) = (new List<int>(), new List<int>());
        foreach (var bin in byBin)
        {
            var members = bin.Select(t => t.k).ToArray();
            for (int t = 0; t < perBin; t++)
            {
                int k = members[_rng.NextInt(members.Length)];
                a.Add(anchors[k]);
                o.Add(others[k]);
            }
        }

        return ([.. a], [.. o]);
    }
}
