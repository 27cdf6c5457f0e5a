using Tango.Core;
using Tango.Losses.Kernels;
using Tango.Losses.Reducers;

namespace Tango.Losses.Contrastive;

/// <summary>
/// The shared body of <see cref="DebiasedContrastiveLoss"/> (β = 0) and <see cref="HardNegativeContrastiveLoss"/>:
/// per anchor a with N_a negatives, log A_a = log Σ_n e^{(β+1)s_an/τ} − log Σ_n e^{β·s_an/τ} (β = 0: the log of the
/// mean of e^{s/τ}), the importance-weighted estimate of E_{q_β}[e^{s/τ}]; then per positive pair the fused
/// <see cref="ContrastiveOps.DebiasedPairLoss"/>. Gradients flow through the importance weights (as in the authors'
/// code; nothing is detached).
/// </summary>
internal static class NegativeEstimator
{
    // mat: cosine (n, m) -> one sub-loss per positive pair whose anchor has a negative.
    public static SubLosses Compute(Tensor mat, PairSet pairs, int n, float temperature, float beta, float tauPlus)
    {
        var p = pairs.Indices;
        float inv = 1f / temperature;
        var negatives = LossOps.GatherPairs(mat, p.A2, p.N);
        var logA = LossOps.SegmentLogSumExp(negatives.Mul((beta + 1f) * inv), p.A2, n);
        var counts = new float[n];
        foreach (int a in p.A2)
        {
            counts[a]++;
        }

        var logCount = counts.Select(c => c > 0 ? MathF.Log(c) : float.NegativeInfinity).ToArray();
        logA = beta == 0
            ? logA.Sub(Tensor.FromArray(logCount.Select(c => float.IsFinite(c) ? c : 0f).ToArray(), n))
            : logA.Sub(LossOps.SegmentLogSumExp(negatives.Mul(beta * inv), p.A2, n));
        var (anchors, others) = Check.WithNegatives(p.A1, p.P, logCount);
        if (anchors.Length == 0)
        {
            return new SubLosses([SubLoss.Zero("loss")]);
        }

        var pos = LossOps.GatherPairs(mat, anchors, others).Mul(inv);
        var losses = ContrastiveOps.DebiasedPairLoss(logA, pos, anchors, logCount, tauPlus, inv);
        return new SubLosses([SubLoss.PerPair("loss", losses, ReductionType.PosPair, anchors, others)]);
    }
}
