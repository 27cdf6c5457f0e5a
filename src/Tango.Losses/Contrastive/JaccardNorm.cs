namespace Tango.Losses.Contrastive;

/// <summary>The norm a <see cref="JaccardMetricLoss"/> measures sets and their difference with.</summary>
public enum JaccardNorm
{
    /// <summary>JML1: ‖x‖₁, ‖y‖₁, ‖x − y‖₁ (the paper's main loss).</summary>
    L1,

    /// <summary>JML2: squared L2 norms ‖x‖², ‖y‖², ‖x − y‖².</summary>
    L2,
}
