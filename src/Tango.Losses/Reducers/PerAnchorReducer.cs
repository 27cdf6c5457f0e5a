using Tango.Core;

namespace Tango.Losses.Reducers;

/// <summary>
/// Averages pair losses per anchor first, then reduces the per-anchor values with <see cref="Inner"/> (PML's
/// <c>PerAnchorReducer</c>, mean aggregation): anchor i gets the mean of its pairs' losses, or 0 without pairs,
/// and the inner reducer sees one element per batch row. A (anchor, other) cell listed twice counts once, with
/// its last loss, as PML's scatter into an anchor × reference matrix does. Element losses go straight to the
/// inner reducer; triplets are not supported (as in PML).
/// </summary>
public sealed class PerAnchorReducer : Reducer
{
    /// <summary>Creates the reducer; the inner one defaults to a <see cref="MeanReducer"/>.</summary>
    public PerAnchorReducer(Reducer? inner = null)
    {
        Inner = inner ?? new MeanReducer();
    }

    /// <summary>Reduces the per-anchor values.</summary>
    public Reducer Inner { get; }

    /// <inheritdoc/>
    protected override Tensor ReduceEntries(Tensor losses, SubLoss subLoss, ReductionContext context)
    {
        switch (subLoss.Reduction)
        {
            case ReductionType.Element:
                return Inner.Reduce(subLoss, context);
            case ReductionType.Triplet:
                throw new NotSupportedException("PerAnchorReducer does not reduce triplet losses (as in PML).");
        }

        int n = context.BatchSize, m = context.ReferenceSize;
        var anchors = subLoss.Anchors!;
        var others = subLoss.Others!;
        var last = new int[n * m];
        Array.Fill(last, -1);
        var cells = new int[n];
        for (int k = 0; k < anchors.Length; k++)
        {
            ref int slot = ref last[anchors[k] * m + others[k]];
            cells[anchors[k]] += slot < 0 ? 1 : 0;
            slot = k;
        }

        var weights = new float[anchors.Length];
        for (int k = 0; k < anchors.Length; k++)
        {
            weights[k] = last[anchors[k] * m + others[k]] == k ? 1f / cells[anchors[k]] : 0f;
        }

        var perAnchor = Tensor.ScatterAdd([n], 0, anchors, losses.Mul(Tensor.FromArray(weights)));
        var rows = Enumerable.Range(0, n).ToArray();
        return Inner.Reduce(SubLoss.PerElement(subLoss.Name, perAnchor, rows), context);
    }

    /// <inheritdoc/>
    public override string ToString() => $"PerAnchorReducer({Inner})";
}
