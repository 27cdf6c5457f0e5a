using Tango.Core;

namespace Tango.Losses.Retrieval;

/// <summary>
/// Matryoshka representation learning (Kusupati et al. 2022, "Matryoshka Representation Learning";
/// sentence-transformers' <c>MatryoshkaLoss</c>): the inner loss applied to nested prefixes of the embeddings,
/// L = Σ_k w_k·inner(normalize(x[:, :d_k])), so that every prefix is a usable embedding on its own. Labels that are
/// embeddings as wide as the columns (a teacher for <see cref="MseLoss"/>) are truncated with them.
/// </summary>
public sealed class MatryoshkaLoss : IColumnLoss
{
    /// <summary>Wraps <paramref name="loss"/> over <paramref name="dimensions"/> (weights default to 1).</summary>
    public MatryoshkaLoss(IColumnLoss loss, int[] dimensions, float[]? weights = null)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(dimensions);
        if (dimensions.Length == 0 || dimensions.Any(d => d <= 0))
        {
            throw new ArgumentException("MatryoshkaLoss: give at least one dimension, every one positive.",
                nameof(dimensions));
        }

        weights ??= [.. dimensions.Select(_ => 1f)];
        if (weights.Length != dimensions.Length || weights.Any(w => !float.IsFinite(w)))
        {
            throw new ArgumentException($"MatryoshkaLoss: {weights.Length} weights for {dimensions.Length} " +
                "dimensions; give one finite weight per dimension.", nameof(weights));
        }

        var order = Enumerable.Range(0, dimensions.Length).OrderByDescending(i => dimensions[i]).ToArray();
        Loss = loss;
        Dimensions = [.. order.Select(i => dimensions[i])];
        Weights = [.. order.Select(i => weights[i])];
    }

    /// <summary>The wrapped loss.</summary>
    public IColumnLoss Loss { get; }

    /// <summary>The prefix lengths, largest first.</summary>
    public IReadOnlyList<int> Dimensions { get; }

    /// <summary>The weight of each prefix's loss.</summary>
    public IReadOnlyList<float> Weights { get; }

    /// <inheritdoc/>
    public Tensor Compute(IReadOnlyList<Tensor> columns, Tensor? labels = null)
    {
        Columns.Require(nameof(MatryoshkaLoss), columns, 1);
        int width = columns[0].Dim(1);
        if (Dimensions[0] > width)
        {
            throw new ArgumentException($"MatryoshkaLoss: dimension {Dimensions[0]} exceeds the embeddings' {width}.");
        }

        Tensor? total = null;
        for (int k = 0; k < Dimensions.Count; k++)
        {
            int d = Dimensions[k];
            var shrunk = columns.Select(c => c.Slice(1, 0, d).L2Normalize()).ToArray();
            var dimLabels = labels is { Rank: 2 } && labels.Dim(1) == width ? labels.Slice(1, 0, d) : labels;
            var term = Loss.Compute(shrunk, dimLabels).Mul(Weights[k]);
            total = total is null ? term : total.Add(term);
        }

        return total!;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"MatryoshkaLoss({Loss}, dimensions: [{string.Join(", ", Dimensions)}], " +
        $"weights: [{string.Join(", ", Weights)}])";
}
