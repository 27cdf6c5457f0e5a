using Tango.Losses.Distances;

namespace Tango.Losses.Miners;

/// <summary>
/// Positive pairs farther than <see cref="PosMargin"/> and negative pairs closer than <see cref="NegMargin"/>
/// (for a similarity: below and above them), in PML's row-major order (PML's <c>PairMarginMiner</c>).
/// </summary>
public sealed class PairMarginMiner : PairMiner
{
    /// <summary>Creates the miner (PML defaults: 0.2 and 0.8, Euclidean distance).</summary>
    public PairMarginMiner(float posMargin = 0.2f, float negMargin = 0.8f, Distance? distance = null)
        : base(distance ?? new LpDistance())
    {
        PosMargin = posMargin;
        NegMargin = negMargin;
    }

    /// <summary>Positive pairs beyond this are returned.</summary>
    public float PosMargin { get; }

    /// <summary>Negative pairs within this are returned.</summary>
    public float NegMargin { get; }

    /// <inheritdoc/>
    protected override PairIndices MinePairs(LossInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var mat = MatrixValues(input);
        int m = input.ReferenceSize;
        var all = input.Pairs();
        var (a1, p) = Filter(all.A1, all.P, k => Distance.Margin(mat[all.A1[k] * m + all.P[k]], PosMargin) > 0);
        var (a2, n) = Filter(all.A2, all.N, k => Distance.Margin(NegMargin, mat[all.A2[k] * m + all.N[k]]) > 0);
        return new PairIndices(a1, p, a2, n);
    }

    internal static (int[], int[]) Filter(int[] anchors, int[] others, Func<int, bool> keep)
    {
        var (a, o) = (new List<int>(), new List<int>());
        for (int k = 0; k < anchors.Length; k++)
        {
            if (keep(k))
            {
                a.Add(anchors[k]);
                o.Add(others[k]);
            }
        }

        return ([.. a], [.. o]);
    }
}
