namespace Tango.Losses.Kernels;

/// <summary>Receives one difference d = mat[pos] − mat[neg] (flat indices; −1 stands for a constant 0).</summary>
internal interface IDifferenceVisitor
{
    void Visit(float difference, int pos, int neg);
}

/// <summary>
/// The differences d_pos − d_neg a <see cref="DynamicSoftMarginKernel"/> bins, streamed from a flat (n, m) matrix in
/// segments: all triplets (one segment per anchor, nothing listed), a triplet list (chunks), or explicit flat index
/// pairs (the label-free matching case). Segments of all triplets write disjoint rows, so they may run in parallel
/// in the backward pass too.
/// </summary>
internal sealed class DifferenceSet
{
    private const int Chunk = 4096;

    private readonly LabelGroups? _groups;
    private readonly TripletIndices? _triplets;
    private readonly (int[] Pos, int[] Neg)? _flat;
    private readonly int _m;

    private DifferenceSet(LabelGroups? groups, TripletIndices? triplets, (int[], int[])? flat, int m)
    {
        (_groups, _triplets, _flat, _m) = (groups, triplets, flat, m);
        Segments = groups?.BatchSize ?? (int)((Count + Chunk - 1) / Chunk);
    }

    /// <summary>The number of differences.</summary>
    public long Count => _groups?.TripletCount() ?? _triplets?.Count ?? _flat!.Value.Pos.Length;

    /// <summary>The number of segments.</summary>
    public int Segments { get; }

    /// <summary>Whether different segments write different matrix entries.</summary>
    public bool DisjointSegments => _groups is not null;

    public static DifferenceSet AllTriplets(LabelGroups groups, int m) => new(groups, null, null, m);

    public static DifferenceSet Of(TripletIndices triplets, int m) => new(null, triplets, null, m);

    public static DifferenceSet Flat(int[] pos, int[] neg, int m) => new(null, null, (pos, neg), m);

    /// <summary>Calls <paramref name="visitor"/> for every difference of segment <paramref name="segment"/>.</summary>
    public void Visit<T>(int segment, float[] v, ref T visitor) where T : struct, IDifferenceVisitor
    {
        if (_groups is not null)
        {
            int a = segment, row = a * _m;
            var negatives = _groups.Negatives(a);
            foreach (int p in _groups.Positives(a))
            {
                float ap = v[row + p];
                foreach (int n in negatives)
                {
                    visitor.Visit(ap - v[row + n], row + p, row + n);
                }
            }

            return;
        }

        long end = Math.Min(Count, (long)(segment + 1) * Chunk);
        for (int k = segment * Chunk; k < end; k++)
        {
            if (_triplets is { } t)
            {
                int pos = t.A[k] * _m + t.P[k], neg = t.A[k] * _m + t.N[k];
                visitor.Visit(v[pos] - v[neg], pos, neg);
            }
            else
            {
                var (pos, neg) = _flat!.Value;
                visitor.Visit((pos[k] < 0 ? 0f : v[pos[k]]) - (neg[k] < 0 ? 0f : v[neg[k]]), pos[k], neg[k]);
            }
        }
    }
}
