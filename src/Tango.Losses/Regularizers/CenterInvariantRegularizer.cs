using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;

namespace Tango.Losses.Regularizers;

/// <summary>
/// Centre-invariant regulariser (Wu et al. 2017, "Deep Face Recognition with Center Invariant Loss"; PML's
/// <c>CenterInvariantRegularizer</c>): keeps the class weights'
/// squared norms equal, entry_i = (‖w_i‖² − mean_j ‖w_j‖²)² / 4. Needs an unnormalised <see cref="LpDistance"/>
/// with power 1 (its p-norm measures the rows).
/// </summary>
public sealed class CenterInvariantRegularizer : Regularizer
{
    /// <summary>Creates the regulariser (PML defaults: unnormalised Euclidean norm, mean reducer).</summary>
    public CenterInvariantRegularizer(Distance? distance = null, Reducer? reducer = null)
        : base(distance ?? new LpDistance(power: 1f, normalizeEmbeddings: false), reducer ?? new MeanReducer())
    {
        if (Distance is not LpDistance { Power: 1f, NormalizeEmbeddings: false })
        {
            throw new ArgumentException("CenterInvariantRegularizer requires an LpDistance with power 1 and " +
                $"normalizeEmbeddings false; got {Distance}.", nameof(distance));
        }
    }

    /// <inheritdoc/>
    // x: (rows, d) -> losses: (rows)
    protected override SubLoss ComputeLoss(Tensor x)
    {
        var squared = Distance.RowNorm(x).Square().Reshape(x.Dim(0));
        var deviation = squared.Sub(squared.Mean());
        return SubLoss.PerElement("loss", deviation.Square().Mul(0.25f), RowIndices(x.Dim(0)));
    }
}
