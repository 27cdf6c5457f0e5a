using Tango.Core;

namespace Tango.Losses.Reducers;

/// <summary>
/// The mean of the entries, each multiplied by the weight of its anchor's class (PML's
/// <c>ClassWeightedReducer</c>): weight[labels[anchor]] for pairs and triplets, weight[labels[element]] for
/// elements. Labels index <see cref="Weights"/> directly, so they must lie in [0, weights).
/// </summary>
public sealed class ClassWeightedReducer : Reducer
{
    private readonly float[] _weights;

    /// <summary>Creates the reducer with one weight per class.</summary>
    public ClassWeightedReducer(float[] weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Length == 0)
        {
            throw new ArgumentException("ClassWeightedReducer needs at least one class weight.", nameof(weights));
        }

        _weights = (float[])weights.Clone();
    }

    /// <summary>The weight of each class (a copy).</summary>
    public float[] Weights => (float[])_weights.Clone();

    internal override StreamingReduction? Streaming =>
        new(float.NegativeInfinity, float.PositiveInfinity, StreamingDivisor.TotalCount, _weights);

    /// <inheritdoc/>
    protected override Tensor ReduceEntries(Tensor losses, SubLoss subLoss, ReductionContext context)
    {
        if (losses.Size == 0)
        {
            return Zero(context);
        }

        var labels = context.Labels ?? throw new InvalidOperationException(
            "ClassWeightedReducer needs the batch labels; the loss was called without labels.");
        var w = new float[losses.Size];
        var anchors = subLoss.Anchors!;
        for (int k = 0; k < w.Length; k++)
        {
            w[k] = WeightOf(labels[anchors[k]]);
        }

        return losses.Mul(Tensor.FromArray(w)).Mean();
    }

    internal float WeightOf(int label) => (uint)label < (uint)_weights.Length
        ? _weights[label]
        : throw new ArgumentException(
            $"ClassWeightedReducer: label {label} has no weight; there are {_weights.Length} class weights.");
}
