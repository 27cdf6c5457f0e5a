using Tango.Core;
using Tango.NN;

namespace Tango.Losses.Retrieval;

/// <summary>
/// Any <see cref="IColumnLoss"/> trained through <see cref="GradCache"/>: the columns are encoder inputs, the encoder
/// runs in mini-batches of <see cref="MiniBatchSize"/> rows, and <see cref="Step(IReadOnlyList{Tensor},
/// Func{Tensor, Tensor}, Tensor?)"/> leaves the same encoder gradients as the uncached loss on the whole batch while
/// only one mini-batch's graph is alive. sentence-transformers caches MNRL, its symmetric form and GIST; here any
/// column loss can be cached (Matryoshka over MNRL, MegaBatchMargin's mini-batched form, …).
/// </summary>
public class CachedColumnLoss
{
    /// <summary>Caches <paramref name="loss"/> with mini-batches of <paramref name="miniBatchSize"/> rows.</summary>
    public CachedColumnLoss(IColumnLoss loss, int miniBatchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(miniBatchSize);
        Loss = loss;
        MiniBatchSize = miniBatchSize;
    }

    /// <summary>The loss on embeddings.</summary>
    public IColumnLoss Loss { get; }

    /// <summary>Rows the encoder sees at once.</summary>
    public int MiniBatchSize { get; }

    /// <summary>
    /// Embeds every column with <paramref name="encoder"/>, computes the loss and backpropagates it into the
    /// encoder (see <see cref="GradCache"/>); returns the loss value.
    /// </summary>
    public float Step(IReadOnlyList<Tensor> inputs, Func<Tensor, Tensor> encoder, Tensor? labels = null) =>
        GradCache.Step(inputs, encoder, MiniBatchSize, columns => Loss.Compute(columns, labels));

    /// <summary><see cref="Step(IReadOnlyList{Tensor}, Func{Tensor, Tensor}, Tensor?)"/> with a module.</summary>
    public float Step(IReadOnlyList<Tensor> inputs, Module encoder, Tensor? labels = null)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        return Step(inputs, encoder.Forward, labels);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{GetType().Name}({Loss}, miniBatchSize: {MiniBatchSize})";
}
