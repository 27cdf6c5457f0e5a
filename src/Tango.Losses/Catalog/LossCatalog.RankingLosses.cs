namespace Tango.Losses.Catalog;

public static partial class LossCatalog
{
    // The ranking, histogram and self-supervised losses, one line each; parameter texts override ParameterDocs where
    // a shared name (alpha, margin, gamma) means something else here.
    private static void AddRankingLosses(List<ComponentDescriptor> list)
    {
        const ComponentKind L = ComponentKind.Loss;
        const string Bins = "numBins=Number of histogram bins.";
        list.Add(Describe<AngularLoss>(L, "Bounds the angle at the negative of each triangle (Wang et al. 2017).",
            "alpha=Angle bound α, in degrees."));
        list.Add(Describe<DynamicSoftMarginLoss>(L, "Triplet differences weighted by their running CDF (Zhang & " +
            "Rusinkiewicz 2019).", "minVal=Lower end of the histogram range [min, −min].", Bins,
            "momentum=Weight of the current batch in the running histogram."));
        list.Add(Describe<FastApLoss>(L, "1 − average precision from soft distance histograms (Cakir et al. 2019).",
            Bins));
        list.Add(Describe<HistogramLoss>(L, "Probability that a negative pair is more similar than a positive one " +
            "(Ustinova & Lempitsky 2016).", "numBins=Number of bins over [−1, 1] (null: 100, or from delta).",
            "delta=Bin width Δ = 2/numBins (null: from numBins)."));
        list.Add(Describe<InstanceLoss>(L, "Softmax cross-entropy over scaled cosines, label rank as target " +
            "(Zheng et al. 2020).", "gamma=Scale γ of the cosine logits."));
        list.Add(Describe<ManifoldLoss>(L, "Random-walk manifold similarities to hard proxies (Aziere & Todorovic " +
            "2019); labels are meta-classes.", "embeddingSize=Embedding and proxy dimension.",
            "numProxies=Number of proxies K.", "lambdaC=Weight of the context loss (∞: context only).",
            "alpha=Random-walk continuation α in [0, 1).", "margin=Margin m on the manifold similarities.",
            "rng=Random generator (seed) of the proxies and of random meta-classes."));
        list.Add(Describe<NPairsLoss>(L, "Softmax over one positive per label (Sohn 2016)."));
        list.Add(Describe<PnpLoss>(L, "Penalises negatives ranked before each positive (Li et al. 2022).",
            "b=Slope bound b of PNP-I_b.", "alpha=Exponent α of PNP-D_q.", "anneal=Sigmoid temperature τ.",
            "variant=Penalty function: Ds, Dq, Iu, Ib or O."));
        list.Add(Describe<RankedListLoss>(L, "Positives within α − m, negatives beyond α, weighted lists " +
            "(Wang et al. 2019).", "margin=Margin m between the positive and the negative set.",
            "tn=Temperature T⁻ of the negative weights.", "imbalance=Weight λ of the negative term.",
            "alpha=Negative boundary α (null: 1 + m/2).", "tp=Temperature T⁺ of the positive weights."));
        list.Add(Describe<ThresholdConsistentMarginLoss>(L, "Cosine thresholds for positives and negatives " +
            "(Zhang et al. 2023).", "lambdaPlus=Weight λ⁺ of the positive term.",
            "lambdaMinus=Weight λ⁻ of the negative term.", "marginPlus=Positive cosines below m⁺ pay.",
            "marginMinus=Negative cosines above m⁻ pay."));
        list.Add(Describe<VicRegLoss>(L, "Variance, invariance and covariance terms between two views (Bardes et " +
            "al. 2022).", "invarianceLambda=Weight λ of the invariance term.",
            "varianceMu=Weight μ of the variance terms.", "covarianceV=Weight ν of the covariance term.",
            "eps=Added to each variance before the square root."));
    }
}
