using Tango.Core;
using Tango.Core.Memory;

namespace Tango.Losses.Retrieval;

/// <summary>
/// Gradient caching (Gao et al. 2021, "Scaling Deep Contrastive Learning Batch Size under Memory Limited Setup"):
/// a loss over a large batch of embeddings, trained with the memory of a mini-batch. (1) Every column is embedded
/// mini-batch by mini-batch without recording a graph; (2) the loss and its gradient with respect to those
/// embeddings are computed once on the whole batch; (3) each mini-batch is embedded again, this time recording,
/// and its slice of the cached embedding gradient is backpropagated through the encoder. The encoder's gradients
/// are those of the uncached loss (the chain rule splits over rows); only one mini-batch's graph is alive at a time.
/// The encoder must be deterministic (no dropout), or the two passes embed differently.
/// </summary>
public static class GradCache
{
    /// <summary>
    /// Runs the three steps and returns the loss value; the encoder's parameters (and any input that requires a
    /// gradient) receive the gradient of <paramref name="loss"/>.
    /// </summary>
    // inputs: columns of (n, ·) encoder inputs; encoder: (rows, ·) -> (rows, d)
    public static float Step(IReadOnlyList<Tensor> inputs, Func<Tensor, Tensor> encoder, int miniBatchSize,
        Func<IReadOnlyList<Tensor>, Tensor> loss)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(miniBatchSize);
        var embeddings = inputs.Select(x => EmbedWithoutGraph(x, encoder, miniBatchSize)).ToArray();
        try
        {
            float value;
            using (TensorScope.Begin())
            {
                var l = loss(embeddings);
                value = l.Item();
                if (l.RequiresGrad)
                {
                    l.Backward();
                }
            }

            for (int c = 0; c < inputs.Count; c++)
            {
                if (embeddings[c].Grad is { } grad)
                {
                    Backpropagate(inputs[c], grad, encoder, miniBatchSize);
                }
            }

            return value;
        }
        finally
        {
            foreach (var e in embeddings)
            {
                e.Grad?.Dispose();
                e.Dispose();
            }
        }
    }

    /// <summary>The encoder applied mini-batch by mini-batch with no graph, gathered into one leaf.</summary>
    // x: (n, ·) -> (n, d), a leaf that requires a gradient
    internal static Tensor EmbedWithoutGraph(Tensor x, Func<Tensor, Tensor> encoder, int miniBatchSize,
        bool requiresGrad = true)
    {
        ArgumentNullException.ThrowIfNull(x);
        int n = x.Dim(0);
        using var noGrad = Tensor.NoGrad();
        Tensor? result = null;
        for (int start = 0; start < Math.Max(n, 1); start += miniBatchSize)
        {
            int rows = Math.Min(miniBatchSize, n - start);
            using var scope = TensorScope.Begin();
            var e = Encode(x.Slice(0, start, rows), encoder, rows);
            result ??= TensorScope.Unowned(() => Tensor.Zeros(n, e.Dim(1)));
            if (e.Dim(1) != result.Dim(1))
            {
                throw new InvalidOperationException(
                    $"GradCache: the encoder gave {e.Dim(1)} columns for rows {start}.., {result.Dim(1)} before.");
            }

            e.Span.CopyTo(result.Span.Slice(start * result.Dim(1)));
        }

        result!.RequiresGrad = requiresGrad;
        return result;
    }

    // Re-embeds each mini-batch with a graph and backpropagates its slice of the cached gradient.
    private static void Backpropagate(Tensor x, Tensor grad, Func<Tensor, Tensor> encoder, int miniBatchSize)
    {
        int n = x.Dim(0), d = grad.Dim(1);
        for (int start = 0; start < n; start += miniBatchSize)
        {
            int rows = Math.Min(miniBatchSize, n - start);
            using var scope = TensorScope.Begin();
            var e = Encode(x.Slice(0, start, rows), encoder, rows);
            if (e.RequiresGrad)
            {
                e.Backward(Tensor.FromArray(grad.Span.Slice(start * d, rows * d), rows, d));
            }
        }
    }

    private static Tensor Encode(Tensor x, Func<Tensor, Tensor> encoder, int rows)
    {
        var e = encoder(x);
        if (e.Rank != 2 || e.Dim(0) != rows)
        {
            throw new InvalidOperationException(
                $"GradCache: the encoder must map {rows} rows to a ({rows}, d) matrix; it gave {e.ShapeString}.");
        }

        return e;
    }
}
