namespace Tango.Mining;

/// <summary>The JSONL layouts <see cref="MiningWriter"/> writes (sentence-transformers' output formats).</summary>
public enum MiningOutputFormat
{
    /// <summary>One line per (query, positive, negative): <c>{"query", "positive", "negative"}</c>.</summary>
    Triplets,

    /// <summary>
    /// One line per (query, positive) with exactly NumNegatives negatives:
    /// <c>{"query", "positive", "negatives": [n₁ … n_k]}</c>; pairs with fewer are left out, as
    /// sentence-transformers' n-tuple output does, since a fixed-width tuple cannot hold them.
    /// </summary>
    Tuples,

    /// <summary>Per query, each positive with label 1 and each distinct chosen negative with label 0:
    /// <c>{"query", "document", "label"}</c>.</summary>
    LabelledPairs,
}
