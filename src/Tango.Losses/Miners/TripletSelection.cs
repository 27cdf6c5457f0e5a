namespace Tango.Losses.Miners;

/// <summary>
/// Which margin-violating triplets <see cref="TripletMarginMiner"/> returns (PML's <c>type_of_triplets</c>).
/// </summary>
public enum TripletSelection
{
    /// <summary>Every triplet whose margin d_an − d_ap is at most the miner's margin.</summary>
    All,

    /// <summary>Those of <see cref="All"/> whose negative is at least as close as the positive (margin ≤ 0).</summary>
    Hard,

    /// <summary>Those of <see cref="All"/> whose negative is farther than the positive (margin &gt; 0).</summary>
    SemiHard,

    /// <summary>The triplets not in <see cref="All"/>: margin above the miner's margin.</summary>
    Easy,
}
