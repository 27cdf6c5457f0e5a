using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;

namespace Tango.Losses.Regularizers;

/// <summary>
/// Center-invariant regularisation (Wu et al. 2017, "Deep Face Recognition with Center Invariant Loss"; PML's
/// <c>CenterInvariantRegularizer</c>): with r_i = ‖w_i‖², each row pays (r_i − mean r)²/4, so class weights keep
/// similar norms. Mean over rows by default; meant for the weight rows of a classification loss.
/// </summary>
public sealed class CenterInvariantRegularizer : Regularizer
{
    /// <summary>Creates the regulariser.</summary>
    public CenterInvariantRegularizer(Reducer? reducer = null)
        : base(new LpDistance(normalizeEmbeddings: false), reducer ?? new MeanReducer())
    {
    }

    /// <inheritdoc/>
    protected override SubLoss ComputeLoss(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var squaredNorms = x.Square().Sum(1);
        var deviation = squaredNorms.Sub(squaredNorms.Mean());
        return SubLoss.PerElement("loss", deviation.Square().Mul(0.25f), RowIndices(x.Dim(0)));
    }
}
