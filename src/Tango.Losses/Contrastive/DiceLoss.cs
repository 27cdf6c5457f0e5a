using Tango.Core;

namespace Tango.Losses.Contrastive;

/// <summary>
/// Soft Dice loss (Milletari et al. 2016, "V-Net: Fully Convolutional Neural Networks for Volumetric Medical Image
/// Segmentation"; Sørensen–Dice coefficient): per class over the batch,
/// L_c = 1 − (2·Σ_i p_ic·g_ic + smooth) / (Σ_i p_ic + Σ_i g_ic + smooth), averaged over classes. Uses the linear
/// denominator Σp + Σg (the common soft Dice), not V-Net's squared Σp² + Σg².
/// </summary>
public sealed class DiceLoss : ClassProbabilityLoss
{
    /// <summary>Creates the loss (smooth = 1; scores are logits by default).</summary>
    public DiceLoss(float smooth = 1f, bool fromLogits = true)
        : base(smooth, fromLogits)
    {
    }

    /// <inheritdoc/>
    protected override Tensor ClassLosses(Tensor p, Tensor g)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(g);
        var intersection = p.Mul(g).Sum(0);
        return OneMinusRatio(intersection.Mul(2f), p.Sum(0).Add(g.Sum(0)));
    }

    /// <inheritdoc/>
    public override string ToString() => $"DiceLoss(smooth: {Smooth}, fromLogits: {FromLogits})";
}
