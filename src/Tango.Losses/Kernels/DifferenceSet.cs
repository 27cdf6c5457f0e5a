namespace Tango.Losses.Kernels;

/// <summary>
/// Receives the differences d = mat[pos] − neg[k] of one positive entry (flat index <paramref name="pos"/>, value
/// <paramref name="ap"/>; −1 stands for a constant 0) against a run of negatives (values and flat indices, −1 for
/// a constant 0).
/// </summary>
internal interface IDifferenceVisitor
{
    void Visit(float ap, int pos, ReadOnlySpan<float> negValues, ReadOnlySpan<int> negAt);
}

/// <summary>
/// The differences d_pos − d_neg a <see cref="DynamicSoftMarginKernel"/> bins, streamed from a flat (n, m) matrix in
/// segments: all triplets (one segment per anchor, its negatives gathered once into a contiguous run, nothing
/// listed), a triplet list (chunks), or explicit flat index pairs (the label-free matching case). Segments of all
/// triplets write disjoint rows, so they may run in parallel in the backward pass too.
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
            VisitAnchor(segment, v, ref visitor);
            return;
        }

        Span<float> value = stackalloc float[1];
        Span<int> at = stackalloc int[1];
        long end = Math.Min(Count, (long)(segment + 1) * Chunk);
        for (int k = segment * Chunk; k < end; k++)
        {
            int pos, neg;
            if (_triplets is { } t)
            {
                (pos, neg) = (t.A[k] * _m + t.P[k], t.A[k] * _m + t.N[k]);
            }
            else
            {
                (pos, neg) = (_flat!.Value.Pos[k], _flat.Value.Neg[k]);
            }

            (value[0], at[0]) = (neg < 0 ? 0f : v[neg], neg);
            visitor.Visit(pos < 0 ? 0f : v[pos], pos, value, at);
        }
    }

    private void VisitAnchor<T>(int a, float[] v, ref T visitor) where T : struct, IDifferenceVisitor
    {
        int row = a * _m;
        var negatives = _groups!.Negatives(a);
        if (negatives.Length == 0)
        {
            return;
        }

        var values = new float[negatives.Length];
        var at = new int[negatives.Length];
        for (int k = 0; k < negatives.Length; k++)
        {
            at[k] = row + negatives[k];
            values[k] = v[at[k]];
        }

        foreach (int p in _groups.Positives(a))
        {
            visitor.Visit(v[row + p], row + p, values, at);
        }
    }
}
