namespace Tango.Evaluation;

/// <summary>
/// How the sentence-transformers-style evaluators compare two embeddings. Every function is used as a
/// similarity — larger means more alike — so the distances enter negated: Euclidean is −‖a − b‖₂ and Manhattan
/// −‖a − b‖₁ (sentence-transformers' <c>pairwise_euclidean_sim</c>/<c>pairwise_manhattan_sim</c>).
/// </summary>
public enum SimilarityFunction
{
    /// <summary>a·b / (max(‖a‖, ε) max(‖b‖, ε)).</summary>
    Cosine,

    /// <summary>a·b.</summary>
    DotProduct,

    /// <summary>−‖a − b‖₂.</summary>
    Euclidean,

    /// <summary>−‖a − b‖₁.</summary>
    Manhattan,
}
