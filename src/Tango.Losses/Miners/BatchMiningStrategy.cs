namespace Tango.Losses.Miners;

/// <summary>How <see cref="BatchEasyHardMiner"/> picks each anchor's positive or negative.</summary>
public enum BatchMiningStrategy
{
    /// <summary>The hardest: the farthest positive, the closest negative.</summary>
    Hard,

    /// <summary>
    /// The hardest that is still easier than the other side's pick (needs the other strategy not All).
    /// </summary>
    SemiHard,

    /// <summary>The easiest: the closest positive, the farthest negative.</summary>
    Easy,

    /// <summary>Every pair.</summary>
    All,
}
