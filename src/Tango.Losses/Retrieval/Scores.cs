using Tango.Core;

namespace Tango.Losses.Retrieval;

/// <summary>Row-by-row scores for <see cref="PairScore"/>.</summary>
internal static class Scores
{
    // a, b: (n, d) -> (n)
    public static Tensor Pair(PairScore score, Tensor a, Tensor b) => score switch
    {
        PairScore.Dot => Columns.PairwiseDot(a, b),
        PairScore.Cosine => Columns.PairwiseCosine(a, b),
        _ => throw new ArgumentOutOfRangeException(nameof(score), score, "Unknown pair score."),
    };
}
