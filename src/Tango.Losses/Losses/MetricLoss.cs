using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses;

/// <summary>
/// The base of every metric loss (PML's <c>BaseMetricLossFunction</c>): it owns a <see cref="Distance"/>, a
/// <see cref="Reducer"/> and an optional embedding regulariser. A subclass only computes its unreduced sub-losses
/// from a validated <see cref="LossInput"/>; validation, the reference set, regularisation and reduction are here.
/// </summary>
public abstract class MetricLoss : IMetricLoss
{
    /// <summary>The name of the embedding regularisation sub-loss.</summary>
    public const string EmbeddingRegularizationName = "embedding_reg_loss";

    /// <summary>Sets the shared components (subclasses pass their defaults for null arguments).</summary>
    protected MetricLoss(Distance distance, Reducer reducer, Regularizer? embeddingRegularizer,
        float embeddingRegularizerWeight)
    {
        Distance = distance ?? throw new ArgumentNullException(nameof(distance));
        Reducer = reducer ?? throw new ArgumentNullException(nameof(reducer));
        EmbeddingRegularizer = embeddingRegularizer;
        EmbeddingRegularizerWeight = embeddingRegularizerWeight;
    }

    /// <summary>The distance between embeddings.</summary>
    public Distance Distance { get; }

    /// <summary>The reducer (one for every sub-loss, or a <see cref="MultipleReducers"/>).</summary>
    public Reducer Reducer { get; }

    /// <summary>The embedding regulariser, or null.</summary>
    public Regularizer? EmbeddingRegularizer { get; }

    /// <summary>The embedding regulariser's weight.</summary>
    public float EmbeddingRegularizerWeight { get; }

    /// <summary>The names of the loss's own sub-losses (PML's <c>_sub_loss_names</c>).</summary>
    public virtual IReadOnlyList<string> OwnSubLossNames => ["loss"];

    /// <summary>All sub-loss names, regularisation included (PML's <c>sub_loss_names</c>).</summary>
    public virtual IReadOnlyList<string> SubLossNames =>
        EmbeddingRegularizer is null ? OwnSubLossNames : [.. OwnSubLossNames, EmbeddingRegularizationName];

    /// <summary>Whether the loss can compare the batch with separate reference embeddings.</summary>
    public virtual bool SupportsReferenceEmbeddings => true;

    /// <summary>
    /// The loss of <paramref name="embeddings"/> (n, d). <paramref name="tuples"/> restricts it to mined pairs or
    /// triplets (null: all valid ones from the labels). With <paramref name="refEmbeddings"/> (m, d) the tuples'
    /// positives and negatives come from that reference set instead of the batch; pass the same label array
    /// for <paramref name="refLabels"/> (or none) when reference row i is the same sample as batch row i.
    /// </summary>
    public Tensor Compute(Tensor embeddings, int[]? labels = null, IndexTuples? tuples = null,
        Tensor? refEmbeddings = null, int[]? refLabels = null)
    {
        var input = Validate(embeddings, labels, tuples, refEmbeddings, refLabels);
        var context = new ReductionContext(embeddings, labels, input.ReferenceSize);
        var fused = ComputeReduced(input);
        var terms = fused is null ? ComputeSubLosses(input) : new SubLosses();
        AddRegularization(terms, input);
        var parts = terms.Select(t => Reducer.Reduce(t, context)).ToList();
        if (fused is not null)
        {
            parts.Insert(0, fused);
        }

        return Sum(parts, context);
    }

    /// <inheritdoc/>
    Tensor IMetricLoss.Compute(Tensor embeddings, int[]? labels, IndexTuples? tuples) =>
        Compute(embeddings, labels, tuples);

    /// <summary>
    /// The sub-losses before reduction, with their indices and reduction types (what PML returns with a
    /// <c>DoNothingReducer</c>); regularisation terms included.
    /// </summary>
    public SubLosses ComputeUnreduced(Tensor embeddings, int[]? labels = null, IndexTuples? tuples = null,
        Tensor? refEmbeddings = null, int[]? refLabels = null)
    {
        var input = Validate(embeddings, labels, tuples, refEmbeddings, refLabels);
        var terms = ComputeSubLosses(input);
        AddRegularization(terms, input);
        return terms;
    }

    /// <summary>Computes the loss's own unreduced sub-losses.</summary>
    protected abstract SubLosses ComputeSubLosses(LossInput input);

    /// <summary>
    /// A fused path that returns the reduced value of the loss's own sub-losses directly (no per-tuple
    /// tensors), or null to use <see cref="ComputeSubLosses"/>. It must give the same value and gradient.
    /// </summary>
    protected virtual Tensor? ComputeReduced(LossInput input) => null;

    /// <summary>
    /// Adds regularisation sub-losses (the embedding regulariser here; weight regularisers in subclasses).
    /// </summary>
    protected virtual void AddRegularization(SubLosses terms, LossInput input)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(input);
        if (EmbeddingRegularizer is not null)
        {
            var value = EmbeddingRegularizer.Compute(input.Embeddings).Mul(EmbeddingRegularizerWeight);
            terms.Add(SubLoss.Reduced(EmbeddingRegularizationName, value));
        }
    }

    /// <summary>Every own sub-loss as zero (PML's <c>zero_losses</c>).</summary>
    protected SubLosses ZeroSubLosses() => new(OwnSubLossNames.Select(SubLoss.Zero));

    /// <summary>Throws if the distance is not of the kind the loss's formula assumes.</summary>
    protected void RequireDistance<TDistance>(string why) where TDistance : Distance
    {
        if (Distance is not TDistance)
        {
            throw new ArgumentException(
                $"{GetType().Name} requires a {typeof(TDistance).Name} distance ({why}); got {Distance}.");
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{GetType().Name}(distance: {Distance}, reducer: {Reducer})";

    private LossInput Validate(Tensor embeddings, int[]? labels, IndexTuples? tuples, Tensor? refEmbeddings,
        int[]? refLabels)
    {
        string who = GetType().Name;
        if (refEmbeddings is not null && !SupportsReferenceEmbeddings)
        {
            throw new ArgumentException($"{who} does not support separate reference embeddings.");
        }

        return LossInput.Create(who, embeddings, labels, tuples, refEmbeddings, refLabels);
    }

    private static Tensor Sum(List<Tensor> parts, ReductionContext context)
    {
        if (parts.Count == 1)
        {
            return parts[0];
        }

        if (parts.Exists(p => p.Size != 1))
        {
            throw new InvalidOperationException(
                "The reducer left a sub-loss unreduced (DoNothingReducer) and the loss has several sub-losses; " +
                "call ComputeUnreduced to get them.");
        }

        var total = parts.Count == 0 ? LossOpsZero(context) : parts[0].Reshape([]);
        for (int i = 1; i < parts.Count; i++)
        {
            total = total.Add(parts[i].Reshape([]));
        }

        return total;
    }

    private static Tensor LossOpsZero(ReductionContext context) => Kernels.LossOps.ZeroLoss(context.Embeddings);
}
