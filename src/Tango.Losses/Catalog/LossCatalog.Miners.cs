using Tango.Losses.Miners;

namespace Tango.Losses.Catalog;

public static partial class LossCatalog
{
    // One line per miner.
    private static void AddMiners(List<ComponentDescriptor> list)
    {
        const ComponentKind M = ComponentKind.Miner;
        list.Add(Describe<TripletMarginMiner>(M, "Triplets by margin: all violating, hard, semi-hard or easy.",
            "margin=Margin the triplet margins d_an − d_ap are compared with."));
        list.Add(Describe<PairMarginMiner>(M, "Positive pairs beyond posMargin, negative pairs within negMargin."));
        list.Add(Describe<BatchEasyHardMiner>(M,
            "One positive and one negative per anchor, easy/semi-hard/hard (Xuan et al. 2020)."));
        list.Add(Describe<BatchHardMiner>(M,
            "Farthest positive and closest negative per anchor (Hermans et al. 2017)."));
        list.Add(Describe<MultiSimilarityMiner>(M,
            "Pairs harder than the anchor's hardest other-kind pair ± ε (Wang et al. 2019)."));
        list.Add(Describe<HdcMiner>(M, "The hardest fraction of positive and negative pairs (Yuan et al. 2017)."));
        list.Add(Describe<AngularMiner>(M,
            "Triplets whose angle at the negative exceeds a threshold (Wang et al. 2017)."));
        list.Add(Describe<DistanceWeightedMiner>(M, "Negatives drawn by inverse distance density (Wu et al. 2017)."));
        list.Add(Describe<UniformHistogramMiner>(M, "Pairs drawn uniformly across distance bins."));
        list.Add(Describe<EmbeddingsAlreadyPackagedAsTriplets>(M, "Rows (3k, 3k+1, 3k+2) are the triplets."));
        list.Add(Describe<MaximumLossMiner>(M, "Tuples of the random batch subset with the largest loss."));
    }
}
