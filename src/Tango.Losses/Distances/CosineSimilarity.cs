namespace Tango.Losses.Distances;

/// <summary>
/// Cosine similarity: the dot product of L2-normalised embeddings (always normalised; PML's
/// <c>CosineSimilarity</c>). Losses defined on angles (Circle, TupletMargin, SparseCenters) require it.
/// </summary>
public sealed class CosineSimilarity : DotProductSimilarity
{
    /// <summary>Creates the similarity.</summary>
    public CosineSimilarity(float power = 1f)
        : base(normalizeEmbeddings: true, power)
    {
    }
}
