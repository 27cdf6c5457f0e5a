namespace Tango.Losses.Retrieval;

/// <summary>The row-by-row score of the distillation losses (ST's pairwise similarity functions).</summary>
public enum PairScore
{
    /// <summary>q · d (sentence-transformers' <c>pairwise_dot_score</c>, the default).</summary>
    Dot,

    /// <summary>cos(q, d).</summary>
    Cosine,
}
