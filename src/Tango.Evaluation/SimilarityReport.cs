namespace Tango.Evaluation;

/// <summary>Correlation of a similarity function's scores with gold similarity scores.</summary>
public sealed record SimilarityReport(SimilarityFunction Function, double Pearson, double Spearman);
