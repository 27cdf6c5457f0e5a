using Tango.Core;

namespace Tango.Evaluation;

/// <summary>
/// sentence-transformers' <c>TripletEvaluator</c>: the fraction of triplets (a, p, n) whose positive is more
/// similar to the anchor than the negative by more than a margin, s(a, p) &gt; s(a, n) + margin. Distances
/// enter negated (<see cref="SimilarityFunction"/>), so for Euclidean this is ‖a − p‖ + margin &lt; ‖a − n‖.
/// </summary>
public static class TripletEvaluator
{
    /// <summary>Accuracy over the rows of three (n, d) matrices.</summary>
    public static double Accuracy(Tensor anchors, Tensor positives, Tensor negatives,
        SimilarityFunction function = SimilarityFunction.Cosine, double margin = 0)
    {
        var sp = PairwiseSimilarity.Compute(function, anchors, positives, "TripletEvaluator");
        var sn = PairwiseSimilarity.Compute(function, anchors, negatives, "TripletEvaluator");
        if (sp.Length == 0)
        {
            return double.NaN;
        }

        int correct = 0;
        for (int i = 0; i < sp.Length; i++)
        {
            correct += sp[i] > sn[i] + margin ? 1 : 0;
        }

        return (double)correct / sp.Length;
    }
}
