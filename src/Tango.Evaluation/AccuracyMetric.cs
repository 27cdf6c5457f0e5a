namespace Tango.Evaluation;

/// <summary>The metrics <see cref="AccuracyCalculator"/> computes (pytorch-metric-learning's names in brackets).
/// </summary>
public enum AccuracyMetric
{
    /// <summary>[precision_at_1] The fraction of queries whose nearest reference has their label.</summary>
    PrecisionAt1,

    /// <summary>[r_precision] Same-label references among the first R, divided by R (R: the relevant count).</summary>
    RPrecision,

    /// <summary>[mean_average_precision_at_r] Average precision over the first R neighbours, divided by R.</summary>
    MeanAveragePrecisionAtR,

    /// <summary>[mean_average_precision] Average precision over all k neighbours, divided by R.</summary>
    MeanAveragePrecision,

    /// <summary>[mean_reciprocal_rank] 1 / rank of the first same-label neighbour (0 if none in k).</summary>
    MeanReciprocalRank,

    /// <summary>[NMI] Normalised mutual information of the labels and a k-means clustering of the queries.</summary>
    Nmi,

    /// <summary>[AMI] Adjusted mutual information of the labels and a k-means clustering of the queries.</summary>
    Ami,

    /// <summary>Precision@k for each k of <see cref="AccuracyCalculator.AtK"/> (not in PML).</summary>
    PrecisionAtK,

    /// <summary>Recall@k (deep-metric-learning sense) for each k of <see cref="AccuracyCalculator.AtK"/>.</summary>
    RecallAtK,
}
