using Tango.Losses.Retrieval;

namespace Tango.Losses.Catalog;

public static partial class LossCatalog
{
    // The sentence-transformers-style losses over embedding columns (docs/retrieval-losses.md), one line each.
    private static void AddRetrievalLosses(List<ComponentDescriptor> list)
    {
        const ComponentKind R = ComponentKind.RetrievalLoss;
        const string Scale = "scale=Scale s of the similarities (an inverse temperature).";
        const string Sim = "similarity=Similarity between anchors and candidates (a distance enters as −d).";
        const string Sym = "symmetric=Also let each positive pick its anchor among all anchors, and average.";
        const string Mask = "maskDuplicatePositives=Candidates equal to an anchor's positive are not its negatives.";
        const string Mb = "miniBatchSize=Rows the encoder sees at once.";
        const string Strategy = "marginStrategy=Absolute (g > g⁺ − margin) or relative (g > g⁺·(1 − margin)).";
        const string Anchors = "contrastAnchors=Other anchors are negatives too.";
        const string Positives = "contrastPositives=Other positives are negatives too.";
        const string GistMargin = "margin=How far below the guide's positive similarity a negative may be.";
        const string Siamese = "distanceMetric=Pair distance: CosineDistance, Euclidean or Manhattan.";
        const string BatchDistance = "distance=Distance matrix: Euclidean or Cosine.";
        const string Score = "score=Student score: Dot or Cosine.";
        list.Add(Describe<MultipleNegativesRankingLoss>(R, "In-batch softmax over all candidates (Henderson et al. " +
            "2017); sentence-transformers' MNRL.", Scale, Sim, Sym, Mask));
        list.Add(Describe<CachedMultipleNegativesRankingLoss>(R, "MNRL with gradient caching (Gao et al. 2021).",
            Mb, Scale, Sim, Sym, Mask));
        list.Add(Describe<GistEmbedLoss>(R, "InfoNCE with guide-model false-negative masking (Solatorio 2024).",
            "temperature=Temperature τ dividing the cosines.", Strategy, GistMargin, Anchors, Positives));
        list.Add(Describe<CachedGistEmbedLoss>(R, "GISTEmbed with gradient caching.", Mb,
            "temperature=Temperature τ dividing the cosines.", Strategy, GistMargin, Anchors, Positives));
        list.Add(Describe<MegaBatchMarginLoss>(R, "Hardest in-batch negative with two margins (Wieting & Gimpel " +
            "2018).", "positiveMargin=Positive cosines below m⁺ pay.",
            "negativeMargin=Hardest-negative cosines above m⁻ pay."));
        list.Add(Describe<CoSentLoss>(R, "Pairwise ranking of scaled cosines by gold scores (Su 2022).", Scale));
        list.Add(Describe<AnglELoss>(R, "CoSENT on complex-angle similarities (Li & Li 2024).", Scale));
        list.Add(Describe<CosineSimilarityLoss>(R, "MSE between cosine and gold score (Reimers & Gurevych 2019)."));
        list.Add(Describe<SiameseContrastiveLoss>(R, "Contrastive loss on labelled pairs (Hadsell et al. 2006).",
            Siamese, "margin=Dissimilar pairs closer than this pay.", "sizeAverage=Mean (true) or sum (false)."));
        list.Add(Describe<OnlineContrastiveLoss>(R, "Contrastive loss on the batch's hard pairs only.", Siamese,
            "margin=Dissimilar pairs closer than this pay."));
        list.Add(Describe<TripletLoss>(R, "Triplet hinge on (anchor, positive, negative) columns (Schroff et al. " +
            "2015).", "distanceMetric=Distance: Cosine, Euclidean or Manhattan.", "margin=Margin m."));
        list.Add(Describe<BatchAllTripletLoss>(R, "Every valid triplet of a labelled column (Hermans et al. 2017).",
            BatchDistance, "margin=Margin m."));
        list.Add(Describe<BatchHardTripletLoss>(R, "Hardest positive and negative per anchor (Hermans et al. 2017).",
            BatchDistance, "margin=Margin m."));
        list.Add(Describe<BatchSemiHardTripletLoss>(R, "Semi-hard negative per positive pair (Schroff et al. 2015).",
            BatchDistance, "margin=Margin m."));
        list.Add(Describe<BatchHardSoftMarginTripletLoss>(R, "Batch-hard with the soft margin log(1 + e^x).",
            BatchDistance));
        list.Add(Describe<MseLoss>(R, "MSE of every column to teacher embeddings (Reimers & Gurevych 2020)."));
        list.Add(Describe<MarginMseLoss>(R, "MSE of student to teacher score margins (Hofstätter et al. 2020).",
            Score));
        list.Add(Describe<DistillKLDivLoss>(R, "KL divergence to the teacher's score distribution.", Score,
            "temperature=Temperature T of both softmaxes."));
        list.Add(Describe<SoftmaxLoss>(R, "Linear classifier on [u, v, |u − v|] (Reimers & Gurevych 2019).",
            "embeddingDimension=Width of each embedding.", "numLabels=Number of classes.",
            "concatenateRepresentations=Use u and v as features.", "concatenateDifference=Use |u − v|.",
            "concatenateProduct=Use u ∗ v.", "rng=Random generator (seed) of the classifier's initial weights."));
        list.Add(Describe<ContrastiveTensionLoss>(R, "BCE on dot products of two encoder copies (Carlsson et al. " +
            "2021)."));
        list.Add(Describe<ContrastiveTensionInBatchNegativesLoss>(R, "Symmetric in-batch softmax with a learnable " +
            "scale (Carlsson et al. 2021).", "scale=Initial logit scale e^λ."));
        list.Add(Describe<MatryoshkaLoss>(R, "Any column loss over nested embedding prefixes (Kusupati et al. 2022).",
            "loss=The column loss applied to each prefix.", "dimensions=Prefix lengths.",
            "weights=One weight per prefix (null: all 1)."));
        list.Add(Describe<CachedColumnLoss>(R, "Any column loss trained with gradient caching (Gao et al. 2021).",
            "loss=The column loss on embeddings.", Mb));
    }
}
