using Tango.Core;

namespace Tango.Losses;

/// <summary>
/// What a reducer may need besides the losses: the embeddings (a zero loss stays connected to them), the batch
/// labels (class weights), and the size of the reference set (per-anchor aggregation).
/// </summary>
/// <param name="Embeddings">The batch embeddings (n, d).</param>
/// <param name="Labels">The batch labels, when the loss had them.</param>
/// <param name="ReferenceSize">How many reference embeddings pairs index into.</param>
public sealed record ReductionContext(Tensor Embeddings, int[]? Labels, int ReferenceSize)
{
    /// <summary>The number of batch elements.</summary>
    public int BatchSize => Embeddings.Dim(0);
}
