using Tango.Core;

namespace Tango.Losses.Contrastive;

/// <summary>
/// The Z-loss (de Brébisson &amp; Vincent 2016, "The Z-loss: a shift and scale invariant classification loss
/// belonging to the Spherical Family"): a classification loss on the raw outputs o (logits) of each row,
/// made shift- and scale-invariant by standardising them over the classes: z_k = (o_k − μ)/σ with μ and σ the mean
/// and (population) standard deviation of the row, then
/// L = softplus(a·(b − z_c))/a for the true class c, averaged over the rows. σ is floored at 1e-12, so a constant
/// row gives z = 0 and a finite gradient. Needs at least 2 classes.
/// </summary>
public sealed class ZLoss
{
    /// <summary>Creates the loss (a = 1, b = 1: Tango's defaults; the paper tunes both per task).</summary>
    public ZLoss(float a = 1f, float b = 1f)
    {
        A = Check.Positive(a, nameof(a), nameof(ZLoss));
        B = float.IsFinite(b) ? b : throw new ArgumentOutOfRangeException(nameof(b),
            $"ZLoss: b must be finite; got {b}.");
    }

    /// <summary>The sharpness a of the softplus.</summary>
    public float A { get; }

    /// <summary>The offset b: the standardised score beyond which the loss flattens.</summary>
    public float B { get; }

    /// <summary>The mean Z-loss of <paramref name="logits"/> (n, classes) with <paramref name="labels"/> (n).</summary>
    public Tensor Compute(Tensor logits, int[] labels) => PerSample(logits, labels).Mean();

    /// <summary>The Z-loss of each row (n), differentiable.</summary>
    // logits: (n, c), labels: (n) in [0, c) -> (n)
    public Tensor PerSample(Tensor logits, int[] labels)
    {
        ClassTargets.CheckLabels(nameof(ZLoss), logits, labels);
        int n = logits.Dim(0), c = logits.Dim(1);
        if (c < 2)
        {
            throw new ArgumentException($"ZLoss needs at least 2 classes to standardise over; got {c}.");
        }

        var centred = logits.Sub(logits.Mean(1, keepDim: true));
        var sigma = centred.Square().Mean(1, keepDim: true).ClampMin(1e-24f).Sqrt();
        var target = centred.Gather(1, labels, n, 1).Div(sigma).Reshape(n);
        return target.Neg().Add(B).Mul(A).Softplus().Mul(1f / A);
    }

    /// <inheritdoc/>
    public override string ToString() => $"ZLoss(a: {A}, b: {B})";
}
