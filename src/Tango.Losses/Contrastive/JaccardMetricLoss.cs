using Tango.Core;

namespace Tango.Losses.Contrastive;

/// <summary>
/// Jaccard metric loss (Wang &amp; Blaschko 2023, "Jaccard Metric Losses: Optimizing the Jaccard Index with Soft
/// Labels"): a soft Jaccard loss that stays a metric with soft labels, because intersection and union are
/// written with norms only: I = (‖x‖ + ‖y‖ − ‖x − y‖)/2, U = (‖x‖ + ‖y‖ + ‖x − y‖)/2, for each class's predictions
/// x = p_·c and targets y = g_·c over the batch, and L_c = 1 − (I + smooth)/(U + smooth), averaged over classes.
/// With hard labels JML1 equals the usual soft Jaccard loss Σpg/(Σp + Σg − Σpg). Where p = g exactly the L1
/// difference has gradient 0 (a kink).
/// </summary>
public sealed class JaccardMetricLoss : ClassProbabilityLoss
{
    /// <summary>Creates the loss (JML1, smooth = 1 as the authors' code; logits by default).</summary>
    public JaccardMetricLoss(JaccardNorm norm = JaccardNorm.L1, float smooth = 1f, bool fromLogits = true)
        : base(smooth, fromLogits)
    {
        Norm = norm;
    }

    /// <summary>L1 (JML1) or squared L2 (JML2).</summary>
    public JaccardNorm Norm { get; }

    /// <inheritdoc/>
    protected override Tensor ClassLosses(Tensor p, Tensor g)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(g);
        var (x, y, diff) = Norm == JaccardNorm.L1
            ? (p.Abs().Sum(0), g.Abs().Sum(0), p.Sub(g).Abs().Sum(0))
            : (p.Square().Sum(0), g.Square().Sum(0), p.Sub(g).Square().Sum(0));
        var total = x.Add(y);
        return OneMinusRatio(total.Sub(diff).Mul(0.5f), total.Add(diff).Mul(0.5f));
    }

    /// <inheritdoc/>
    public override string ToString() => $"JaccardMetricLoss(norm: {Norm}, smooth: {Smooth}, fromLogits: {FromLogits})";
}
