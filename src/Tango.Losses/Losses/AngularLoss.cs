using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Kernels;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses;

/// <summary>
/// Angular loss (Wang, Zhou, Wen, Liu &amp; Lin 2017, "Deep Metric Learning with Angular Loss"; PML's
/// <c>AngularLoss</c>): the angle at the negative in the triangle (anchor, positive, negative) is bounded by
/// <see cref="Alpha"/>. Per positive pair (a, p), over every reference element n of another label (PML's keep
/// mask; mined negatives only decide whether there is any negative pair at all), with t = tan²α:
/// loss = log(1 + Σ_n exp(4t·(â + p̂)·x_n − 2(1 + t)·â·p̂)), â and p̂ normalised, x_n as given (as in PML).
/// One element per positive pair, averaged by default. Needs the Euclidean <see cref="LpDistance"/> (p = 2,
/// power 1) on normalised embeddings, which is the default.
/// </summary>
public sealed class AngularLoss : MetricLoss
{
    /// <summary>Creates the loss (PML defaults: α = 40°, normalised Euclidean distance, mean).</summary>
    public AngularLoss(float alpha = 40f, Distance? distance = null, Reducer? reducer = null,
        Regularizer? embeddingRegularizer = null, float embeddingRegularizerWeight = 1f)
        : base(distance ?? new LpDistance(), reducer ?? new MeanReducer(), embeddingRegularizer,
            embeddingRegularizerWeight)
    {
        if (Distance is not LpDistance { P: 2f, Power: 1f, NormalizeEmbeddings: true })
        {
            throw new ArgumentException(
                "AngularLoss needs the Euclidean LpDistance (p = 2, power 1) on normalised embeddings; got " +
                $"{Distance}.");
        }

        if (!(alpha is > 0f and < 90f))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha),
                $"AngularLoss: alpha is an angle in degrees in (0, 90); got {alpha}.");
        }

        Alpha = alpha;
    }

    /// <summary>The angle bound α, in degrees.</summary>
    public float Alpha { get; }

    /// <inheritdoc/>
    protected override SubLosses ComputeSubLosses(LossInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var labels = input.RequireLabels(nameof(AngularLoss));
        var pairs = input.Pairs();
        if (pairs.PositiveCount == 0 || pairs.NegativeCount == 0)
        {
            return ZeroSubLosses();
        }

        // A = X̂·Rᵀ, B = R̂·Rᵀ (A itself when the reference is the batch), G = X̂·R̂ᵀ.
        var reference = input.Reference;
        var xn = Distance.Normalize(input.Embeddings);
        var rn = input.SeparateReference is null ? xn : Distance.Normalize(reference);
        var a = xn.MatMul(reference, transB: true);
        var b = input.SeparateReference is null ? a : rn.MatMul(reference, transB: true);
        var g = xn.MatMul(rn, transB: true);
        double tan = Math.Tan(Alpha * Math.PI / 180);
        var penalty = NegativePenalty(labels, input.ReferenceLabels!);
        var losses = AngularKernel.Forward(a, b, g, pairs.A1, pairs.P, i => penalty[labels[i]], (float)(tan * tan));
        return new SubLosses([SubLoss.PerPair("loss", losses, ReductionType.PosPair, pairs.A1, pairs.P)]);
    }

    // For each batch label, a reference-length row of 0 at other labels (negatives) and −∞ elsewhere.
    private static Dictionary<int, float[]> NegativePenalty(int[] labels, int[] refLabels)
    {
        var rows = new Dictionary<int, float[]>();
        foreach (int label in labels.Distinct())
        {
            rows[label] = [.. refLabels.Select(l => l == label ? float.NegativeInfinity : 0f)];
        }

        return rows;
    }
}
