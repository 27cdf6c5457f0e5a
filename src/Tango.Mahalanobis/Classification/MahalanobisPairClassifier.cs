using Tango.Mahalanobis.Numerics;

namespace Tango.Mahalanobis;

/// <summary>
/// A Mahalanobis learner fitted on labelled pairs that also classifies pairs: similar (+1) when their learned
/// distance is at most <see cref="Threshold"/>, dissimilar (-1) otherwise (metric-learn's
/// <c>_PairsClassifierMixin</c>). <c>Fit</c> calibrates the threshold on the training pairs; calibrate it again on
/// validation pairs with <see cref="CalibrateThreshold"/>.
/// </summary>
public abstract class MahalanobisPairClassifier : MahalanobisLearner
{
    /// <summary>The distance threshold, NaN until fitted or set.</summary>
    public double Threshold { get; private set; } = double.NaN;

    /// <summary>
    /// Fits the metric on labelled pairs of rows of <paramref name="x"/>, then calibrates the threshold on the same
    /// pairs with the given strategy (see <see cref="CalibrateThreshold"/> for the parameters).
    /// </summary>
    public void Fit(double[,] x, Pairs pairs, ThresholdStrategy strategy = ThresholdStrategy.Accuracy,
        double? minRate = null, double beta = 1.0)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ValidateCalibration(strategy, minRate, beta);
        var flat = Input.Features(x, Name, 2);
        pairs.Validate(x.GetLength(0), Name, needLabels: true);
        FitPairs(flat, x.GetLength(0), x.GetLength(1), pairs);
        CalibrateThreshold(x, pairs, strategy, minRate, beta);
    }

    /// <summary>Fits the metric on labelled pairs: x is (n, d) row-major.</summary>
    internal abstract void FitPairs(double[] x, int n, int d, Pairs pairs);

    /// <summary>The decision score of each pair: the negated learned distance (higher means more similar).</summary>
    public double[] DecisionFunction(double[,] x, Pairs pairs) => PairScore(x, pairs);

    /// <summary>+1 (similar) where the learned distance is at most the threshold, else -1.</summary>
    public int[] Predict(double[,] x, Pairs pairs)
    {
        if (double.IsNaN(Threshold))
        {
            throw new InvalidOperationException(
                $"{Name}: no threshold is set; call Fit, SetThreshold or CalibrateThreshold first.");
        }

        var score = DecisionFunction(x, pairs);
        var y = new int[score.Length];
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = -score[i] <= Threshold ? 1 : -1;
        }

        return y;
    }

    /// <summary>Area under the ROC curve of the decision scores against the pairs' ±1 labels.</summary>
    public double Score(double[,] x, Pairs pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return BinaryCurves.RocAuc(DecisionFunction(x, pairs), pairs.LabelSpan);
    }

    /// <summary>Sets the distance threshold.</summary>
    public void SetThreshold(double threshold)
    {
        if (!double.IsFinite(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), $"threshold = {threshold} must be finite.");
        }

        Threshold = threshold;
    }

    /// <summary>
    /// Picks the threshold that maximises the chosen criterion on labelled validation pairs (metric-learn's
    /// <c>calibrate_threshold</c>, candidate thresholds from scikit-learn's ROC and precision-recall curves).
    /// <paramref name="minRate"/> in [0, 1] is required for <see cref="ThresholdStrategy.MaxTpr"/> (minimum true
    /// negative rate) and <see cref="ThresholdStrategy.MaxTnr"/> (minimum true positive rate);
    /// <paramref name="beta"/> weighs recall in <see cref="ThresholdStrategy.FBeta"/>.
    /// </summary>
    public void CalibrateThreshold(double[,] x, Pairs pairs, ThresholdStrategy strategy = ThresholdStrategy.Accuracy,
        double? minRate = null, double beta = 1.0)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ValidateCalibration(strategy, minRate, beta);
        var y = pairs.LabelSpan;
        if (y.Length == 0)
        {
            throw new ArgumentException($"{Name}: no pairs to calibrate the threshold on.", nameof(pairs));
        }

        var scores = DecisionFunction(x, pairs);
        Threshold = strategy switch
        {
            ThresholdStrategy.Accuracy => -ThresholdSearch.BestAccuracy(scores, y),
            ThresholdStrategy.FBeta => -ThresholdSearch.BestFBeta(scores, y, beta),
            _ => -ThresholdSearch.BestRate(scores, y, strategy == ThresholdStrategy.MaxTpr, minRate!.Value, Name),
        };
    }

    private void ValidateCalibration(ThresholdStrategy strategy, double? minRate, double beta)
    {
        if (!Enum.IsDefined(strategy))
        {
            throw new ArgumentOutOfRangeException(nameof(strategy), $"{Name}: unknown strategy {strategy}.");
        }

        if (strategy is ThresholdStrategy.MaxTpr or ThresholdStrategy.MaxTnr &&
            (minRate is null || !(minRate >= 0 && minRate <= 1)))
        {
            throw new ArgumentOutOfRangeException(nameof(minRate),
                $"{Name}: strategy {strategy} needs minRate in [0, 1]; got {minRate?.ToString() ?? "none"}.");
        }

        if (strategy == ThresholdStrategy.FBeta && !double.IsFinite(beta))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), $"{Name}: beta = {beta} must be a real number.");
        }
    }
}
