using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Reducers;

namespace Tango.Losses.Regularizers;

/// <summary>
/// The p-norm of each row raised to a power, ‖x_i‖_p^power (PML's <c>LpRegularizer</c>): keeps embeddings (or
/// weights) from growing. Mean over rows by default. The norm's gradient at a zero row is 0.
/// </summary>
public sealed class LpRegularizer : Regularizer
{
    /// <summary>Creates the regulariser (PML defaults: p = 2, power = 1, mean).</summary>
    public LpRegularizer(float p = 2f, float power = 1f, Reducer? reducer = null)
        : base(new LpDistance(p, power, normalizeEmbeddings: false), reducer ?? new MeanReducer())
    {
        P = p;
        Power = power;
    }

    /// <summary>The norm's p.</summary>
    public float P { get; }

    /// <summary>The power applied to each norm.</summary>
    public float Power { get; }

    /// <inheritdoc/>
    protected override SubLoss ComputeLoss(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var norms = Kernels.LossOps.RowNorm(x, P);
        var losses = Power == 1f ? norms : norms.Pow(Power);
        return SubLoss.PerElement("loss", losses, RowIndices(x.Dim(0)));
    }
}
