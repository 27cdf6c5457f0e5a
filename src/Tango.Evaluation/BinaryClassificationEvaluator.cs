using Tango.Core;

namespace Tango.Evaluation;

/// <summary>
/// sentence-transformers' <c>BinaryClassificationEvaluator</c>: for pairs (a_i, b_i) labelled 1 (similar) or 0,
/// sorts the pairs by similarity, most similar first, and takes the best cut between two consecutive pairs:
/// the accuracy-maximising and F1-maximising thresholds (midpoints of the two scores, first best on ties;
/// stable order for equal scores), the precision and recall at the F1 threshold, the average precision
/// AP = Σ_n (R_n − R_{n−1}) P_n over distinct score thresholds (scikit-learn's average_precision_score), and the
/// Matthews correlation at the F1 threshold.
/// <para>
/// Direction: every function is ranked as a similarity, so Euclidean and Manhattan pairs rank by −distance (the
/// closest pair first). sentence-transformers 5.2.0.dev0 sorts those negated distances ascending, i.e. ranks the
/// farthest pair first and reports the inverted classifier; Tango reports the correct one, with thresholds
/// as distances.
/// </para>
/// </summary>
public static class BinaryClassificationEvaluator
{
    /// <summary>Evaluates pairs of rows of two (n, d) matrices with 0/1 labels.</summary>
    public static BinaryClassificationReport Evaluate(Tensor embeddings1, Tensor embeddings2, int[] labels,
        SimilarityFunction function = SimilarityFunction.Cosine)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var scores = PairwiseSimilarity.Compute(function, embeddings1, embeddings2, "BinaryClassificationEvaluator");
        if (labels.Length != scores.Length || labels.Any(l => l is not (0 or 1)))
        {
            throw new ArgumentException($"BinaryClassificationEvaluator: need one 0/1 label per pair ({scores.Length}" +
                                        $" pairs, {labels.Length} labels).", nameof(labels));
        }

        var r = FromScores(scores, labels, function);
        bool distance = function is SimilarityFunction.Euclidean or SimilarityFunction.Manhattan;
        return distance ? r with { AccuracyThreshold = -r.AccuracyThreshold, F1Threshold = -r.F1Threshold } : r;
    }

    /// <summary>The metrics for scores where larger means "more likely positive"; thresholds in score units.</summary>
    internal static BinaryClassificationReport FromScores(double[] scores, int[] labels, SimilarityFunction function)
    {
        var order = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ToArray();
        var (accuracy, accuracyThreshold) = BestAccuracy(scores, labels, order);
        var (f1, precision, recall, f1Threshold) = BestF1(scores, labels, order);
        return new BinaryClassificationReport(function, accuracy, accuracyThreshold, f1, f1Threshold,
            precision, recall, AveragePrecision(scores, labels, order), Mcc(scores, labels, f1Threshold));
    }

    // Predict positive for the first i + 1 pairs: accuracy = (positives so far + negatives after) / n.
    private static (double Accuracy, double Threshold) BestAccuracy(double[] s, int[] labels, int[] order)
    {
        double best = 0, threshold = -1;
        int positives = 0, negativesLeft = labels.Count(l => l == 0);
        for (int i = 0; i + 1 < order.Length; i++)
        {
            if (labels[order[i]] == 1)
            {
                positives++;
            }
            else
            {
                negativesLeft--;
            }

            double accuracy = (double)(positives + negativesLeft) / labels.Length;
            if (accuracy > best)
            {
                (best, threshold) = (accuracy, (s[order[i]] + s[order[i + 1]]) / 2);
            }
        }

        return (best, threshold);
    }

    private static (double F1, double Precision, double Recall, double Threshold) BestF1(double[] s, int[] labels,
        int[] order)
    {
        double bestF1 = 0, bestP = 0, bestR = 0, threshold = 0;
        int extracted = 0, correct = 0, total = labels.Sum();
        for (int i = 0; i + 1 < order.Length; i++)
        {
            extracted++;
            correct += labels[order[i]];
            if (correct == 0)
            {
                continue;
            }

            double p = (double)correct / extracted, r = (double)correct / total, f1 = 2 * p * r / (p + r);
            if (f1 > bestF1)
            {
                (bestF1, bestP, bestR, threshold) = (f1, p, r, (s[order[i]] + s[order[i + 1]]) / 2);
            }
        }

        return (bestF1, bestP, bestR, threshold);
    }

    // scikit-learn: AP = Σ (R_n − R_{n−1}) P_n at each distinct score, from the highest down.
    private static double AveragePrecision(double[] s, int[] labels, int[] order)
    {
        int total = labels.Sum(), tp = 0, fp = 0;
        double ap = 0, previousRecall = 0;
        for (int i = 0; i < order.Length; i++)
        {
            tp += labels[order[i]];
            fp += 1 - labels[order[i]];
            if (i + 1 < order.Length && s[order[i + 1]] == s[order[i]])
            {
                continue;
            }

            double recall = total == 0 ? double.NaN : (double)tp / total;
            ap += (recall - previousRecall) * tp / (tp + fp);
            previousRecall = recall;
        }

        return ap;
    }

    // MCC = (tp·tn − fp·fn) / √((tp+fp)(tp+fn)(tn+fp)(tn+fn)), 0 when a margin is empty (scikit-learn).
    private static double Mcc(double[] s, int[] labels, double threshold)
    {
        double tp = 0, tn = 0, fp = 0, fn = 0;
        for (int i = 0; i < s.Length; i++)
        {
            bool predicted = s[i] >= threshold;
            (tp, tn, fp, fn) = (predicted, labels[i] == 1) switch
            {
                (true, true) => (tp + 1, tn, fp, fn),
                (false, false) => (tp, tn + 1, fp, fn),
                (true, false) => (tp, tn, fp + 1, fn),
                _ => (tp, tn, fp, fn + 1),
            };
        }

        double denominator = Math.Sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
        return denominator == 0 ? 0 : (tp * tn - fp * fn) / denominator;
    }
}
