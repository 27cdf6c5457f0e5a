using Tango.Core;
using Tango.Losses.Distances;
using Tango.Losses.Kernels;
using Tango.Losses.Reducers;
using Tango.Losses.Regularizers;

namespace Tango.Losses;

/// <summary>
/// PNP loss (Li, Wang, Zhang &amp; Zhao 2022, "Rethinking the Optimization of Average Precision: Only Penalizing
/// Negative Instances before Positive Ones is Enough", AAAI; PML's <c>PNPLoss</c>): for each query and each member
/// j of its class (the query included), the number of negatives ranked above j, smoothed by a sigmoid of
/// temperature <see cref="Anneal"/>, r_ij = Σ_k σ((s_ik − s_ij)/τ), is penalised by the <see cref="Variant"/>'s
/// function f; L = mean over queries with a positive of mean_j f(r_ij) (PNP-D_q: one minus it). Already reduced.
/// Needs a cosine similarity.
/// </summary>
public sealed class PnpLoss : MetricLoss
{
    /// <summary>Creates the loss (PML defaults: b = 2, α = 1, τ = 0.01, PNP-O, cosine similarity).</summary>
    public PnpLoss(float b = 2f, float alpha = 1f, float anneal = 0.01f, PnpVariant variant = PnpVariant.O,
        Distance? distance = null, Reducer? reducer = null, Regularizer? embeddingRegularizer = null,
        float embeddingRegularizerWeight = 1f)
        : base(distance ?? new CosineSimilarity(), reducer ?? new MeanReducer(), embeddingRegularizer,
            embeddingRegularizerWeight)
    {
        RequireDistance<CosineSimilarity>("it ranks by cosine similarity");
        if (!Enum.IsDefined(variant))
        {
            throw new ArgumentOutOfRangeException(nameof(variant), $"PnpLoss: unknown variant {variant}.");
        }

        if (!(anneal > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(anneal), $"PnpLoss: anneal must be positive; got {anneal}.");
        }

        if (variant == PnpVariant.Ib && !(b > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(b), $"PnpLoss: b must be positive for PNP-I_b; got {b}.");
        }

        B = b;
        Alpha = alpha;
        Anneal = anneal;
        Variant = variant;
    }

    /// <summary>The slope bound b of PNP-I_b.</summary>
    public float B { get; }

    /// <summary>The exponent α of PNP-D_q.</summary>
    public float Alpha { get; }

    /// <summary>The sigmoid temperature τ.</summary>
    public float Anneal { get; }

    /// <summary>The penalty function.</summary>
    public PnpVariant Variant { get; }

    /// <inheritdoc/>
    public override bool SupportsReferenceEmbeddings => false;

    /// <inheritdoc/>
    protected override SubLosses ComputeSubLosses(LossInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Tuples is not null)
        {
            throw new ArgumentException("PnpLoss does not take mined tuples (as in PML); call it without them.");
        }

        var labels = input.RequireLabels(nameof(PnpLoss));
        var groups = LabelGroups.Create(labels, labels, excludeSelf: true);
        var queries = Enumerable.Range(0, labels.Length).Where(i => groups.Positives(i).Length > 0).ToArray();
        if (queries.Length == 0)
        {
            return ZeroSubLosses();
        }

        var rule = new PnpKernel.Rule(Variant, B, Alpha, Anneal);
        var value = PnpKernel.Forward(input.Matrix(Distance), queries, groups, rule);
        return new SubLosses([SubLoss.Reduced("loss", value)]);
    }
}
