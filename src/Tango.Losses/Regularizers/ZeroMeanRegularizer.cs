using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;

namespace Tango.Losses.Regularizers;

/// <summary>
/// |Σ_k x_ik| per row (PML's <c>ZeroMeanRegularizer</c>): pushes each embedding's components to sum (and so
/// average) to zero. Mean over rows by default.
/// </summary>
public sealed class ZeroMeanRegularizer : Regularizer
{
    /// <summary>Creates the regulariser.</summary>
    public ZeroMeanRegularizer(Reducer? reducer = null)
        : base(new LpDistance(), reducer ?? new MeanReducer())
    {
    }

    /// <inheritdoc/>
    protected override SubLoss ComputeLoss(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return SubLoss.PerElement("loss", x.Sum(1).Abs(), RowIndices(x.Dim(0)));
    }
}
