using Tango.Core;

namespace Tango.Losses;

/// <summary>
/// Anything that turns a labelled batch of embeddings (and optionally mined tuples) into a scalar loss:
/// every <see cref="MetricLoss"/>, <see cref="MultipleLosses"/> and <see cref="CrossBatchMemory"/>.
/// </summary>
public interface IMetricLoss
{
    /// <summary>
    /// The loss of <paramref name="embeddings"/> (n, d) with <paramref name="labels"/> (n), differentiable.
    /// </summary>
    Tensor Compute(Tensor embeddings, int[]? labels, IndexTuples? tuples = null);
}
