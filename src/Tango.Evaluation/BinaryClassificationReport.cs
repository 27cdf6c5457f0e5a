namespace Tango.Evaluation;

/// <summary>
/// How well one similarity threshold separates positive from negative pairs. Thresholds are in the
/// function's natural units: a similarity for cosine and dot product (a pair is predicted positive when its
/// similarity ≥ threshold), a distance for Euclidean and Manhattan (positive when distance ≤ threshold).
/// </summary>
public sealed record BinaryClassificationReport(
    SimilarityFunction Function,
    double Accuracy,
    double AccuracyThreshold,
    double F1,
    double F1Threshold,
    double Precision,
    double Recall,
    double AveragePrecision,
    double MatthewsCorrelation);
