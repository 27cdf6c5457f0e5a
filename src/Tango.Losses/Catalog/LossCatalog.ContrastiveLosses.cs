using Tango.Losses.Contrastive;

namespace Tango.Losses.Catalog;

public static partial class LossCatalog
{
    // The seed papers' contrastive and classification losses (docs/contrastive-losses.md), one line each; parameter
    // texts override ParameterDocs where a shared name (alpha, beta, gamma) means something else here.
    private static void AddContrastiveLosses(List<ComponentDescriptor> list)
    {
        const ComponentKind L = ComponentKind.Loss, S = ComponentKind.ScoreLoss;
        const string Tau = "temperature=Temperature τ dividing the cosine similarities.",
            TauPlus = "tauPlus=Class prior τ⁺: the chance a drawn negative shares the anchor's class.",
            Smooth = "smooth=Added to each class's overlap numerator and denominator.",
            Logits = "fromLogits=Scores are logits (softmax over classes first), not probabilities.",
            C = "numClasses=Number of classes (labels lie in [0, numClasses)).";
        list.Add(Describe<DecoupledContrastiveLoss>(L, "InfoNCE without the positive in the denominator; DCLW " +
            "weights positives (Yeh et al. 2022).", "weightSigma=σ of DCLW's positive weights (null: plain DCL)."));
        list.Add(Describe<AlignmentUniformityLoss>(L, "Alignment of positives plus uniformity on the hypersphere " +
            "(Wang & Isola 2020).", "alpha=Exponent α of the positive-pair distance.",
            "t=Scale t of the uniformity's Gaussian potential.", "uniformityWeight=Weight λ of the uniformity term."));
        list.Add(Describe<DebiasedContrastiveLoss>(L, "Contrastive loss corrected for false negatives by a class " +
            "prior (Chuang et al. 2020).", Tau, TauPlus));
        list.Add(Describe<HardNegativeContrastiveLoss>(L, "Debiased contrastive loss with negatives reweighted " +
            "towards the hardest (Robinson et al. 2021).", Tau, TauPlus,
            "beta=Concentration β of the hard-negative weights (0: uniform)."));
        list.Add(Describe<MochiLoss>(L, "InfoNCE plus synthetic negatives mixed from the hardest ones " +
            "(Kalantidis et al. 2020).", Tau, "hardestCount=N: hardest negatives per anchor to mix from.",
            "mixCount=s: synthetic negatives per anchor from two hard negatives.",
            "queryMixCount=s′: synthetic negatives per anchor from the anchor and a hard negative.",
            "rng=Random generator (seed) of the mixing draws."));
        list.Add(Describe<MannWhitneyLoss>(L, "One minus a smooth per-query AUC over positive vs negative scores " +
            "(Wilcoxon–Mann–Whitney).", "surrogate=Smooth step: Sigmoid or Polynomial (Yan et al. 2003).",
            "temperature=Temperature τ of the sigmoid surrogate.", "gamma=Margin γ of the polynomial surrogate.",
            "exponent=Exponent e (> 1) of the polynomial surrogate."));
        list.Add(Describe<CwclLoss>(L, "Contrastive alignment to a frozen tower with pair weights from its own " +
            "similarities (Srinivasa et al. 2023).", "temperature=Temperature τ of the cross-tower cosines.",
            "symmetric=Average both directions (trainable → frozen and back)."));
        list.Add(Describe<HarmonicLoss>(L, "Harmonic max of distances to learned class centres (Baek et al. 2025).",
            C, "exponent=Harmonic exponent n (null: √embeddingSize).",
            "rng=Random generator (seed) of the initial centres."));
        list.Add(Describe<EquiangularBasisLoss>(L, "Cross-entropy of scaled cosines to fixed, nearly orthogonal " +
            "class vectors (Shen et al. 2023).", C, "temperature=Temperature τ dividing the cosines.",
            "threshold=Target largest |cosine| α between basis vectors.",
            "steps=Most gradient steps when generating the basis.",
            "rng=Random generator (seed) of the basis.", "basis=A basis generated earlier (null: generate one)."));
        list.Add(Describe<ZLoss>(S, "Softplus of the standardised true-class score; shift and scale invariant " +
            "(de Brébisson & Vincent 2016).", "a=Sharpness a of the softplus.",
            "b=Offset b: standardised score where the loss flattens."));
        list.Add(Describe<DiceLoss>(S, "One minus the soft Dice coefficient per class (Milletari et al. 2016).",
            Smooth, Logits));
        list.Add(Describe<TverskyLoss>(S, "One minus the Tversky index per class (Salehi et al. 2017).", Smooth,
            Logits, "alpha=Weight α of the false positives.", "beta=Weight β of the false negatives."));
        list.Add(Describe<JaccardMetricLoss>(S, "Soft Jaccard loss that is a metric with soft labels (Wang & " +
            "Blaschko 2023).", Smooth, Logits, "norm=L1 (JML1) or squared L2 (JML2)."));
    }
}
