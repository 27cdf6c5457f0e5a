namespace Tango.Losses.Kernels;

/// <summary>
/// The triplets a fused kernel streams over: either every valid triplet, enumerated anchor by anchor from the
/// label groups (nothing materialised), or an explicit list (a miner's output).
/// </summary>
internal sealed class TripletSource
{
    private TripletSource(LabelGroups? groups, TripletIndices? list, int batchSize)
    {
        Groups = groups;
        List = list;
        BatchSize = batchSize;
    }

    /// <summary>The label groups for implicit "all triplets", or null.</summary>
    public LabelGroups? Groups { get; }

    /// <summary>The explicit triplets, or null.</summary>
    public TripletIndices? List { get; }

    public int BatchSize { get; }

    public static TripletSource All(LabelGroups groups) => new(groups, null, groups.BatchSize);

    public static TripletSource Of(TripletIndices list, int batchSize) => new(null, list, batchSize);

    /// <summary>The number of triplets.</summary>
    public long Count => Groups?.TripletCount() ?? List!.Count;
}
