using Tango.Losses.Distances;

namespace Tango.Losses.Miners;

/// <summary>
/// Triplets by their margin d_an − d_ap (for a similarity s_ap − s_an) against <see cref="Margin"/>, selected by
/// <see cref="Selection"/> (PML's <c>TripletMarginMiner</c>; semi-hard as in FaceNet, Schroff et al. 2015).
/// Streams over all triplets without materialising them; the output is in PML's anchor, positive, negative order.
/// </summary>
public sealed class TripletMarginMiner : TripletMiner
{
    /// <summary>Creates the miner (PML defaults: margin 0.2, all violating triplets, Euclidean distance).</summary>
    public TripletMarginMiner(float margin = 0.2f, TripletSelection selection = TripletSelection.All,
        Distance? distance = null)
        : base(distance ?? new LpDistance())
    {
        if (!Enum.IsDefined(selection))
        {
            throw new ArgumentOutOfRangeException(nameof(selection), selection, "Unknown triplet selection.");
        }

        Margin = margin;
        Selection = selection;
    }

    /// <summary>The margin the triplets are measured against.</summary>
    public float Margin { get; }

    /// <summary>Which triplets are returned.</summary>
    public TripletSelection Selection { get; }

    /// <inheritdoc/>
    protected override TripletIndices MineTriplets(LossInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var mat = MatrixValues(input);
        int m = input.ReferenceSize;
        var groups = LabelGroups.Create(input.Labels!, input.ReferenceLabels!, input.ExcludeSelf);
        var (a, p, n) = (new List<int>(), new List<int>(), new List<int>());
        float dir = Distance.Direction;
        for (int i = 0; i < input.BatchSize; i++)
        {
            var negatives = groups.Negatives(i);
            foreach (int pos in groups.Positives(i))
            {
                float ap = mat[i * m + pos];
                foreach (int neg in negatives)
                {
                    if (Selected(dir * (mat[i * m + neg] - ap)))
                    {
                        a.Add(i);
                        p.Add(pos);
                        n.Add(neg);
                    }
                }
            }
        }

        return new TripletIndices([.. a], [.. p], [.. n]);
    }

    private bool Selected(float margin) => Selection switch
    {
        TripletSelection.Easy => margin > Margin,
        TripletSelection.Hard => margin <= Margin && margin <= 0,
        TripletSelection.SemiHard => margin <= Margin && margin > 0,
        _ => margin <= Margin,
    };
}
