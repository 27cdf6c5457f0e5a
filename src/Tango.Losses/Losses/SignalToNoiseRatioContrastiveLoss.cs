using Tango.Losses.Distances;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses;

/// <summary>
/// The contrastive loss on the signal-to-noise-ratio distance (Yuan et al. 2019, "Signal-to-Noise Ratio: A Robust
/// Distance Metric for Deep Metric Learning", eq. 9; PML's <c>SignalToNoiseRatioContrastiveLoss</c>):
/// <see cref="ContrastiveLoss"/> with <see cref="SnrDistance"/>, which it requires.
/// </summary>
public sealed class SignalToNoiseRatioContrastiveLoss : ContrastiveLoss
{
    /// <summary>Creates the loss (PML defaults: margins 0 and 1, SNR distance, average of non-zero).</summary>
    public SignalToNoiseRatioContrastiveLoss(float posMargin = 0f, float negMargin = 1f, Distance? distance = null,
        Reducer? reducer = null, Regularizer? embeddingRegularizer = null, float embeddingRegularizerWeight = 1f)
        : base(posMargin, negMargin, distance ?? new SnrDistance(), reducer, embeddingRegularizer,
            embeddingRegularizerWeight)
    {
        RequireDistance<SnrDistance>("the loss is defined on the SNR distance");
    }
}
