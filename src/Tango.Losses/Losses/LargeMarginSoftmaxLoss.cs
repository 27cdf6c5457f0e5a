using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Kernels;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses;

/// <summary>
/// Large-margin softmax, L-Softmax (Liu et al. 2016, "Large-Margin Softmax Loss for Convolutional Neural
/// Networks"; PML's <c>LargeMarginSoftmaxLoss</c>): a multiplicative angular margin. The true class's cosine
/// becomes ψ(θ) = (−1)^k·cos(mθ) − 2k with k = ⌊θ·m/π⌋ (eq. 6; k is not differentiated), cos(mθ) expanded as
/// the polynomial of eq. 7 in cos θ — the Chebyshev polynomial T_m — and every logit is
/// ‖w_j‖·‖x_i‖·s·(modified cosine), i.e. the plain dot product for the other classes.
/// </summary>
public class LargeMarginSoftmaxLoss : MarginSoftmaxLoss
{
    /// <summary>Creates the loss (PML defaults: margin 4, scale 1, cosine similarity, mean reducer).</summary>
    public LargeMarginSoftmaxLoss(int numClasses, int embeddingSize, int margin = 4, float scale = 1f,
        Distance? distance = null, Reducer? reducer = null, Regularizer? embeddingRegularizer = null,
        float embeddingRegularizerWeight = 1f, Regularizer? weightRegularizer = null,
        float weightRegularizerWeight = 1f, Rng? rng = null)
        : base(numClasses, embeddingSize, numClasses, scale, distance, reducer, embeddingRegularizer,
            embeddingRegularizerWeight, weightRegularizer, weightRegularizerWeight, rng)
    {
        if (margin < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(margin),
                $"{GetType().Name}: margin is the integer angle multiplier m ≥ 1; got {margin}.");
        }

        Margin = margin;
    }

    /// <summary>The angle multiplier m (an integer, as PML's <c>int(margin)</c>).</summary>
    public int Margin { get; }

    /// <summary>
    /// ψ = (−1)^k·T_m(c) − 2k, k = ⌊acos(clamp(c, −1, 1))·m/π⌋; slope (−1)^k·T'_m(c) = (−1)^k·m·U_{m−1}(c).
    /// T_m is evaluated at the unclamped cosine, as PML's polynomial is.
    /// </summary>
    private protected override ValueSlope ModifyTargetCosine(float cosine)
    {
        double c = cosine;
        double theta = Math.Acos(Math.Clamp(c, -1.0, 1.0));
        int k = (int)Math.Floor(theta / (Math.PI / Margin));
        var (t, u) = Chebyshev(Margin, c);
        double sign = (k & 1) == 0 ? 1.0 : -1.0;
        return new((float)((sign * t) - (2.0 * k)), (float)(sign * Margin * u));
    }

    /// <summary>‖w_j‖·‖x_i‖·s times the logits (PML's product of magnitudes, p-norms of the distance).</summary>
    protected override Tensor ScaleLogits(Tensor logits, Tensor embeddings)
    {
        ArgumentNullException.ThrowIfNull(logits);
        var weightNorms = Distance.RowNorm(W.T).Reshape(1, W.Dim(1));
        return logits.Mul(Distance.RowNorm(embeddings)).Mul(weightNorms).Mul(Scale);
    }

    // (T_m(c), U_{m−1}(c)) by the three-term recurrences T_{j+1} = 2c·T_j − T_{j−1}, U likewise.
    private static (double T, double U) Chebyshev(int m, double c)
    {
        double tPrev = 1, t = c, uPrev = 0, u = 1;
        for (int j = 1; j < m; j++)
        {
            (tPrev, t) = (t, (2 * c * t) - tPrev);
            (uPrev, u) = (u, (2 * c * u) - uPrev);
        }

        return (t, u);
    }
}
