using Tango.Core;
using Tango.NN;

namespace Tango.Losses.Retrieval;

/// <summary>
/// <see cref="GistEmbedLoss"/> with gradient caching (sentence-transformers' <c>CachedGISTEmbedLoss</c>): the guide
/// embeds every column in mini-batches without a graph, and the trained encoder goes through
/// <see cref="GradCache"/>, so its gradients equal the uncached loss's.
/// </summary>
public sealed class CachedGistEmbedLoss
{
    /// <summary>Creates the loss (sentence-transformers' defaults; mini-batch 32).</summary>
    public CachedGistEmbedLoss(int miniBatchSize = 32, float temperature = 0.01f,
        GistMarginStrategy marginStrategy = GistMarginStrategy.Absolute, float margin = 0f,
        bool contrastAnchors = true, bool contrastPositives = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(miniBatchSize);
        MiniBatchSize = miniBatchSize;
        Loss = new GistEmbedLoss(temperature, marginStrategy, margin, contrastAnchors, contrastPositives);
    }

    /// <summary>The loss on embeddings.</summary>
    public GistEmbedLoss Loss { get; }

    /// <summary>Rows each encoder sees at once.</summary>
    public int MiniBatchSize { get; }

    /// <summary>
    /// Embeds the columns with <paramref name="encoder"/> (trained) and <paramref name="guide"/> (frozen, no graph),
    /// computes the loss and backpropagates it into the encoder; returns the loss value.
    /// </summary>
    public float Step(IReadOnlyList<Tensor> inputs, Func<Tensor, Tensor> encoder, Func<Tensor, Tensor> guide)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(guide);
        var guideColumns = inputs.Select(x => GradCache.EmbedWithoutGraph(x, guide, MiniBatchSize, false)).ToArray();
        try
        {
            return GradCache.Step(inputs, encoder, MiniBatchSize, columns => Loss.Compute(columns, guideColumns));
        }
        finally
        {
            foreach (var g in guideColumns)
            {
                g.Dispose();
            }
        }
    }

    /// <summary>The step with modules for the encoder and the guide.</summary>
    public float Step(IReadOnlyList<Tensor> inputs, Module encoder, Module guide)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(guide);
        return Step(inputs, encoder.Forward, guide.Forward);
    }
}
