namespace Tango.Mahalanobis;

/// <summary>
/// The score cut-offs behind <see cref="MahalanobisPairClassifier.CalibrateThreshold"/>, following metric-learn
/// 0.7's <c>calibrate_threshold</c> (its code is itself from scikit-learn PR #10117). Each returns a score s*;
/// pairs with score ≥ s* are predicted similar, so the distance threshold is -s*.
/// </summary>
internal static class ThresholdSearch
{
    // Accuracy of "accept the i highest scores" for i = 0..n at the boundaries between distinct scores (a cut
    // cannot split tied scores); the first maximum wins. i = 0 accepts nothing (cut at top score + 1).
    public static double BestAccuracy(ReadOnlySpan<double> scores, ReadOnlySpan<int> y)
    {
        int n = scores.Length;
        var s = scores.ToArray();
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, (a, b) => s[b] != s[a] ? s[b].CompareTo(s[a]) : a.CompareTo(b));
        int negatives = 0;
        foreach (int label in y)
        {
            negatives += label == 1 ? 0 : 1;
        }

        // accepted i: correct = positives among the first i + negatives among the rest.
        int tp = 0, tnRest = negatives, best = tp + tnRest, bestI = 0;
        for (int i = 1; i <= n; i++)
        {
            bool positive = y[order[i - 1]] == 1;
            tp += positive ? 1 : 0;
            tnRest -= positive ? 0 : 1;
            bool boundary = i == n || s[order[i]] != s[order[i - 1]];
            if (boundary && tp + tnRest > best)
            {
                (best, bestI) = (tp + tnRest, i);
            }
        }

        return bestI == 0 ? s[order[0]] + 1 : s[order[bestI - 1]];
    }

    // F-beta = (1 + β²) P R / (β² P + R) over the precision-recall curve (0 where undefined); first maximum.
    public static double BestFBeta(ReadOnlySpan<double> scores, ReadOnlySpan<int> y, double beta)
    {
        var (p, r, t) = BinaryCurves.PrecisionRecall(scores, y);
        double b2 = beta * beta, best = double.NegativeInfinity;
        int bestI = 0;
        for (int i = 0; i < t.Length; i++)
        {
            double f = (1 + b2) * p[i] * r[i] / (b2 * p[i] + r[i]);
            f = double.IsNaN(f) ? 0 : f;
            if (f > best)
            {
                (best, bestI) = (f, i);
            }
        }

        return t[bestI];
    }

    // Highest TPR subject to TNR ≥ minRate (maxTpr), or highest TNR subject to TPR ≥ minRate, over the ROC
    // curve's thresholds; the first maximum wins.
    public static double BestRate(ReadOnlySpan<double> scores, ReadOnlySpan<int> y, bool maxTpr, double minRate,
        string learner)
    {
        var (fpr, tpr, t) = BinaryCurves.Roc(scores, y);
        double best = double.NegativeInfinity;
        int bestI = -1;
        for (int i = 0; i < t.Length; i++)
        {
            bool feasible = maxTpr ? 1 - fpr[i] >= minRate : tpr[i] >= minRate;
            double value = maxTpr ? tpr[i] : 1 - fpr[i];
            if (feasible && value > best)
            {
                (best, bestI) = (value, i);
            }
        }

        if (bestI < 0)
        {
            throw new ArgumentException(
                $"{learner}: no threshold reaches minRate = {minRate} on these pairs (they need both similar and " +
                "dissimilar pairs).");
        }

        return t[bestI];
    }
}
