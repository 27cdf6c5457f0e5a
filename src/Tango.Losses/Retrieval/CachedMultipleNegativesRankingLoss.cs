using Tango.Losses.Distances;

namespace Tango.Losses.Retrieval;

/// <summary>
/// <see cref="MultipleNegativesRankingLoss"/> with gradient caching (sentence-transformers'
/// <c>CachedMultipleNegativesRankingLoss</c> and, with <c>symmetric</c>, <c>CachedMultipleNegativesSymmetric
/// RankingLoss</c>): the batch can be as large as the loss's own memory allows, since the encoder holds one
/// mini-batch's graph at a time and the fused loss holds one block of the score matrix.
/// </summary>
public sealed class CachedMultipleNegativesRankingLoss : CachedColumnLoss
{
    /// <summary>Creates the loss (sentence-transformers' defaults: mini-batch 32, scale 20, cosine).</summary>
    public CachedMultipleNegativesRankingLoss(int miniBatchSize = 32, float scale = 20f, Distance? similarity = null,
        bool symmetric = false, bool maskDuplicatePositives = false)
        : base(new MultipleNegativesRankingLoss(scale, similarity, symmetric, maskDuplicatePositives), miniBatchSize)
    {
    }
}
