namespace Tango.Losses.Catalog;

public static partial class LossCatalog
{
    // One line per loss. Helpers adding losses: add a line here (and a case to the contract suite's factories).
    private static void AddLosses(List<ComponentDescriptor> list)
    {
        const ComponentKind L = ComponentKind.Loss;
        list.Add(Describe<ContrastiveLoss>(L, "Hinge on positive and negative pair distances (Hadsell et al. 2006)."));
        list.Add(Describe<TripletMarginLoss>(L, "Hinge on d_ap − d_an + margin per triplet (Schroff et al. 2015)."));
        list.Add(Describe<MultiSimilarityLoss>(L,
            "Soft-weighted positive and negative pairs per anchor (Wang et al. 2019)."));
        list.Add(Describe<CircleLoss>(L,
            "Self-paced pair weighting with relaxed margins on cosines (Sun et al. 2020)."));
        list.Add(Describe<SupConLoss>(L,
            "Supervised contrastive loss over all positives per anchor (Khosla et al. 2020)."));
        list.Add(Describe<NtXentLoss>(L,
            "NT-Xent / InfoNCE: softmax of each positive against the anchor's negatives (Chen et al. 2020)."));
        list.Add(Describe<LiftedStructureLoss>(L,
            "Lifted structured loss over each positive pair's negatives (Oh Song et al. 2016)."));
        list.Add(Describe<GeneralizedLiftedStructureLoss>(L,
            "Per-anchor soft hardest positive and negative (Hermans et al. 2017)."));
        list.Add(Describe<TupletMarginLoss>(L, "Angular-margin tuplet loss on cosines (Yu & Tao 2019)."));
        list.Add(Describe<NcaLoss>(L,
            "Neighbourhood components analysis: softmax over negated distances (Goldberger et al. 2004)."));
        list.Add(Describe<SignalToNoiseRatioContrastiveLoss>(L,
            "Contrastive loss on the SNR distance (Yuan et al. 2019)."));
        list.Add(Describe<IntraPairVarianceLoss>(L, "Pulls pair similarities towards their mean (Yu & Tao 2019)."));
        list.Add(Describe<MarginLoss>(L, "Hinges around a (learnable) boundary β per triplet (Wu et al. 2017)."));
        list.Add(Describe<MultipleLosses>(L, "Weighted sum of losses, each with an optional miner."));
        list.Add(Describe<CrossBatchMemory>(L,
            "Queue of past embeddings used as extra references (Wang et al. 2020)."));
        list.Add(Describe<SelfSupervisedLoss>(L, "Two views of each sample form the positive pair."));
        const string C = "numClasses=Number of classes (labels lie in [0, numClasses)).", Mm = "margin=Integer angle multiplier m.",
            R = "rng=Random generator (seed) of the initial class parameters.";
        list.Add(Describe<ArcFaceLoss>(L, "Softmax, additive angular margin on the true class (Deng et al. 2019).", C, R));
        list.Add(Describe<CosFaceLoss>(L, "Softmax, additive cosine margin on the true class (Wang et al. 2018).", C, R, "margin=Cosine margin."));
        list.Add(Describe<SphereFaceLoss>(L, "Multiplicative angular margin, unit class weights (Liu et al. 2017).", C, R, Mm));
        list.Add(Describe<LargeMarginSoftmaxLoss>(L, "L-Softmax: multiplicative angular margin (Liu et al. 2016).", C, R, Mm));
        list.Add(Describe<SubCenterArcFaceLoss>(L, "ArcFace with sub-centres per class (Deng et al. 2020).", C, R, "subCenters=Centres per class."));
        list.Add(Describe<NormalizedSoftmaxLoss>(L, "Softmax of similarities to unit class weights (Zhai & Wu 2019).", C, R));
        list.Add(Describe<ProxyNcaLoss>(L, "NCA against one learned proxy per class (Movshovitz-Attias et al. 2017).", C, R));
        list.Add(Describe<ProxyAnchorLoss>(L, "Proxies as anchors, log-sum-exp pull and push (Kim et al. 2020).", C, R, "alpha=Scale α."));
        list.Add(Describe<SoftTripleLoss>(L, "Softmax of relaxed similarities to K centres per class (Qian et al. 2019).", C, R, "la=Logit scale λ.", "gamma=Temperature γ over a class's centres.", "margin=Margin δ on the true class."));
        list.Add(Describe<P2SGradLoss>(L, "MSE of cosines to unit class weights vs one-hot labels (Zhang et al. 2019).", C, R));
        AddRankingLosses(list);
        AddContrastiveLosses(list);
        AddRetrievalLosses(list);
    }
}
