using Tango.Core;

namespace Tango.Losses.Contrastive;

/// <summary>
/// Tversky loss (Salehi, Erdogmus &amp; Gholipour 2017, "Tversky loss function for image segmentation using 3D fully
/// convolutional deep networks"): per class over the batch, with TP = Σ p·g, FP = Σ p·(1 − g),
/// FN = Σ (1 − p)·g, L_c = 1 − (TP + smooth)/(TP + α·FP + β·FN + smooth), averaged over classes. α = β = 0.5 is the
/// Dice loss up to where the smoothing enters; β &gt; α weighs false negatives more (recall).
/// </summary>
public sealed class TverskyLoss : ClassProbabilityLoss
{
    /// <summary>Creates the loss (paper's best: α = 0.3, β = 0.7; smooth = 1; logits by default).</summary>
    public TverskyLoss(float alpha = 0.3f, float beta = 0.7f, float smooth = 1f, bool fromLogits = true)
        : base(smooth, fromLogits)
    {
        Alpha = float.IsFinite(alpha) && alpha >= 0 ? alpha : throw new ArgumentOutOfRangeException(nameof(alpha),
            $"TverskyLoss: alpha must be finite and ≥ 0; got {alpha}.");
        Beta = float.IsFinite(beta) && beta >= 0 ? beta : throw new ArgumentOutOfRangeException(nameof(beta),
            $"TverskyLoss: beta must be finite and ≥ 0; got {beta}.");
    }

    /// <summary>The weight α of the false positives.</summary>
    public float Alpha { get; }

    /// <summary>The weight β of the false negatives.</summary>
    public float Beta { get; }

    /// <inheritdoc/>
    protected override Tensor ClassLosses(Tensor p, Tensor g)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(g);
        var tp = p.Mul(g).Sum(0);
        var fp = p.Sum(0).Sub(tp);
        var fn = g.Sum(0).Sub(tp);
        return OneMinusRatio(tp, tp.Add(fp.Mul(Alpha)).Add(fn.Mul(Beta)));
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"TverskyLoss(alpha: {Alpha}, beta: {Beta}, smooth: {Smooth}, fromLogits: {FromLogits})";
}
