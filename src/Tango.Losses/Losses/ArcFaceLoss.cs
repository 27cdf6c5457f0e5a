using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Kernels;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses;

/// <summary>
/// ArcFace, additive angular margin loss (Deng et al. 2019, "ArcFace: Additive Angular Margin Loss for Deep Face
/// Recognition"; PML's <c>ArcFaceLoss</c>): the true class's logit is s·cos(θ + m) where θ is the angle between
/// embedding and class weight, the others s·cos θ. Past θ &gt; π − m, where cos(θ + m) would start rising again, the
/// target becomes cos θ − m·sin m (the paper's "easy margin" fallback, as PML) so the loss stays monotone.
/// The margin is given in degrees, like PML's <c>margin</c> (28.6° ≈ 0.5 rad).
/// </summary>
public class ArcFaceLoss : MarginSoftmaxLoss
{
    private readonly double _marginRadians;

    /// <summary>Creates the loss (PML defaults: margin 28.6°, scale 64, cosine similarity, mean reducer).</summary>
    public ArcFaceLoss(int numClasses, int embeddingSize, float marginDegrees = 28.6f, float scale = 64f,
        Distance? distance = null, Reducer? reducer = null, Regularizer? embeddingRegularizer = null,
        float embeddingRegularizerWeight = 1f, Regularizer? weightRegularizer = null,
        float weightRegularizerWeight = 1f, Rng? rng = null)
        : this(numClasses, embeddingSize, numClasses, marginDegrees, scale, distance, reducer, embeddingRegularizer,
            embeddingRegularizerWeight, weightRegularizer, weightRegularizerWeight, rng)
    {
    }

    /// <summary>For sub-centre ArcFace: W has <paramref name="weightColumns"/> columns.</summary>
    private protected ArcFaceLoss(int numClasses, int embeddingSize, int weightColumns, float marginDegrees,
        float scale, Distance? distance, Reducer? reducer, Regularizer? embeddingRegularizer, float embeddingRegularizerWeight,
        Regularizer? weightRegularizer, float weightRegularizerWeight, Rng? rng)
        : base(numClasses, embeddingSize, weightColumns, scale, distance, reducer, embeddingRegularizer,
            embeddingRegularizerWeight, weightRegularizer, weightRegularizerWeight, rng)
    {
        if (!(marginDegrees >= 0f && marginDegrees < 180f))
        {
            throw new ArgumentOutOfRangeException(nameof(marginDegrees),
                $"{GetType().Name}: marginDegrees is an angle in [0, 180); got {marginDegrees}.");
        }

        MarginDegrees = marginDegrees;
        _marginRadians = marginDegrees * Math.PI / 180.0;
    }

    /// <summary>The additive angular margin, in degrees (PML's <c>margin</c>).</summary>
    public float MarginDegrees { get; }

    /// <summary>
    /// cos(θ + m) with θ = acos(clamp(c, −1, 1)), or cos θ − m·sin m once θ &gt; π − m. Slope: d cos(θ + m)/dc =
    /// cos m + c·sin m / sin θ; 1 on the fallback; 0 where |c| ≥ 1 (clamped; the exact slope is infinite at ±1).
    /// </summary>
    private protected override ValueSlope ModifyTargetCosine(float cosine)
    {
        double m = _marginRadians;
        double c = Math.Clamp((double)cosine, -1.0, 1.0);
        double theta = Math.Acos(c);
        bool inside = Math.Abs(cosine) < 1f;
        if (theta <= Math.PI - m)
        {
            double sinTheta = Math.Sqrt(1.0 - (c * c));
            double slope = inside ? Math.Cos(m) + (c * Math.Sin(m) / sinTheta) : 0.0;
            return new((float)Math.Cos(theta + m), (float)slope);
        }

        return new((float)(c - (m * Math.Sin(m))), inside ? 1f : 0f);
    }
}
